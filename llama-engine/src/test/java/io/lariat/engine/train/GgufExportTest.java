package io.lariat.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.TokenLogit;
import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufTensorInfo;
import io.lariat.engine.gguf.Quantizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class GgufExportTest {

    static final Path VOCAB = Path.of(System.getProperty("lariat.shared.dir", "../../shared"))
            .resolve("testdata/llama31-vocab.gguf");

    @TempDir
    Path dir;

    @Test
    void exportedModelReadsBackWithTheSameTensorsAndTokenizer() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(VOCAB), "needs ../shared/testdata/llama31-vocab.gguf");
        TrainConfig config = new TrainConfig(32, 2, 4, 2, 64, 500_000f, 1e-5f, 2048);
        BitSet used = new BitSet();
        used.set(0, 300);
        used.set(128000, 128011);
        TrainedVocab vocab = TrainedVocab.of(128_256, used);
        ParameterLayout layout = new ParameterLayout(config, vocab.size());
        TrainedModel model = new TrainedModel(layout, vocab, ParameterInit.initialize(layout, 3));
        Path out = dir.resolve("demo.gguf");
        GgufExport.write(model, VOCAB, "{{ messages }}", "lariat-test", out);
        try (GgufFile file = GgufFile.open(out); GgufFile source = GgufFile.open(VOCAB)) {
            assertEquals(3, file.version());
            assertEquals("llama", file.metadata().string("general.architecture"));
            assertEquals(2048, file.metadata().integer("llama.context_length"));
            assertEquals(500_000f, file.metadata().float32("llama.rope.freq_base"));
            assertEquals(2, file.metadata().integer("llama.attention.head_count_kv"));
            assertEquals("{{ messages }}", file.metadata().string("tokenizer.chat_template"));
            assertEquals(source.metadata().strings("tokenizer.ggml.tokens"),
                    file.metadata().strings("tokenizer.ggml.tokens"));
            assertEquals(source.metadata().strings("tokenizer.ggml.merges"),
                    file.metadata().strings("tokenizer.ggml.merges"));
            assertEquals(128009, file.metadata().integer("tokenizer.ggml.eos_token_id"));
            assertEquals(model.tensorNames(), file.tensors().stream().map(GgufTensorInfo::name).toList());
            TrainedModel exported = GgufExport.asExported(model);
            for (String name : model.tensorNames()) {
                assertTensor(file, model, exported, name);
            }
            assertTrue(file.tensor("output.weight").isEmpty(), "tied output");
        }
    }

    /** Widths 64 and 160: heads of 16 and of 40 (not a multiple of any vector length), as {@code --dim 160} gives. */
    @ParameterizedTest
    @ValueSource(ints = {64, 160})
    void inferenceEngineReproducesTheTrainersLogitsOnTheExportedModel(int width) {
        Assumptions.assumeTrue(Files.isRegularFile(VOCAB), "needs ../shared/testdata/llama31-vocab.gguf");
        TrainConfig config = new TrainConfig(64, 2, 4, 2, 128, 500_000f, 1e-5f, 512).withDim(width);
        BitSet used = new BitSet();
        used.set(0, 500);
        used.set(128000, 128011);
        TrainedVocab vocab = TrainedVocab.of(128_256, used);
        ParameterLayout layout = new ParameterLayout(config, vocab.size());
        float[] values = ParameterInit.initialize(layout, 5);
        for (int i = 0; i < vocab.size() * config.dim(); i++) {
            values[i] *= 40f;
        }
        TrainedModel model = new TrainedModel(layout, vocab, values);
        Path out = dir.resolve("engine.gguf");
        GgufExport.write(model, VOCAB, "{{ messages }}", "lariat-test", out);
        int[] prompt = {128000, 17, 220, 100, 499, 128006, 3, 42, 42, 7, 300, 128007, 271, 64, 65, 66};
        float[] trainer = new GreedyDecoder(GgufExport.asExported(model), 64).logitsAfter(prompt);
        try (LlamaEngine engine = LlamaEngine.load(out, EngineOptions.builder().threads(1).build())) {
            List<TokenLogit> top = engine.topLogits(prompt, 5).getLast();
            for (TokenLogit t : top) {
                int row = vocab.row(t.id());
                float expected = row < 0 ? 0f : trainer[row];
                assertEquals(expected, t.logit(), 0.05f + 0.02f * Math.abs(expected), "logit of token " + t.id());
            }
        }
    }

    private static void assertTensor(GgufFile file, TrainedModel model, TrainedModel exported, String name) {
        GgufTensorInfo info = file.tensor(name).orElseThrow();
        assertEquals(List.of(boxed(model.shape(name))), List.of(boxed(info.shape())), name);
        assertEquals(GgufExport.typeOf(name), info.type(), name);
        float[] expected = model.tensor(name);
        float[] asRead = exported.tensor(name);
        float[] actual = new float[expected.length];
        Quantizers.decode(info.type(), file.tensorData(info), 0, actual, 0, actual.length);
        float tolerance = info.type() == GgmlType.Q4_0 ? 1e-2f : info.type() == GgmlType.F16 ? 1e-4f : 0f;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, name + "[" + i + "]");
            assertEquals(asRead[i], actual[i], 0f, name + "[" + i + "] as asExported gives it");
        }
        if (name.equals("token_embd.weight")) {
            int d = model.config().dim();
            for (int i = 300 * d; i < 128000 * d; i += 997) {
                assertEquals(0f, actual[i], 0f, "untrained row element " + i + " is exactly zero");
            }
        }
    }

    private static Long[] boxed(long[] v) {
        Long[] out = new Long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
