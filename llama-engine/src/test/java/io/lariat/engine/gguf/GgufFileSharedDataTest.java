package io.lariat.engine.gguf;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the reference GGUF files in {@code ../shared/testdata}, skipping when they are absent. */
class GgufFileSharedDataTest {

    static Path testdata(String name) {
        Path dir = Path.of(System.getProperty("lariat.shared.dir", "../../shared")).resolve("testdata");
        Path file = dir.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared test data " + file + " is absent");
        return file;
    }

    @Test
    void vocabFileHoldsTheLlama31Tokenizer() {
        try (GgufFile gguf = GgufFile.open(testdata("llama31-vocab.gguf"))) {
            GgufMetadata m = gguf.metadata();
            assertEquals(3, gguf.version());
            assertEquals(List.of(), gguf.tensors());
            assertEquals("gpt2", m.string("tokenizer.ggml.model"));
            assertEquals("llama-bpe", m.string("tokenizer.ggml.pre"));
            List<String> tokens = m.strings("tokenizer.ggml.tokens");
            assertEquals(128_256, tokens.size());
            assertEquals("<|begin_of_text|>", tokens.get(128_000));
            assertEquals("<|eot_id|>", tokens.get(128_009));
            assertEquals(280_147, m.strings("tokenizer.ggml.merges").size());
            int[] types = m.ints("tokenizer.ggml.token_type");
            assertEquals(128_256, types.length);
            assertEquals(3, types[128_000]);
            assertEquals(1, types[0]);
            assertEquals(128_000, m.integer("tokenizer.ggml.bos_token_id"));
            assertEquals(128_009, m.integer("tokenizer.ggml.eos_token_id"));
            assertEquals(128_004, m.integer("tokenizer.ggml.padding_token_id"));
            assertTrue(m.string("tokenizer.chat_template").startsWith("{{- bos_token }}"));
        }
    }

    @Test
    void tinyQ8ModelHasTheLlamaTensorTable() {
        try (GgufFile gguf = GgufFile.open(testdata("tiny-llama31-q8_0.gguf"))) {
            GgufMetadata m = gguf.metadata();
            assertEquals(64, m.integer("llama.embedding_length"));
            assertEquals(2, m.integer("llama.block_count"));
            assertEquals(4, m.integer("llama.attention.head_count"));
            assertEquals(2, m.integer("llama.attention.head_count_kv"));
            assertEquals(192, m.integer("llama.feed_forward_length"));
            assertEquals(131_072, m.integer("llama.context_length"));
            assertEquals(500_000f, m.float32("llama.rope.freq_base"));
            assertEquals(1e-5f, m.float32("llama.attention.layer_norm_rms_epsilon"));
            assertEquals(22, gguf.tensors().size());
            assertTensor(gguf, "token_embd.weight", GgmlType.Q8_0, 64, 128_256);
            assertTensor(gguf, "output.weight", GgmlType.Q8_0, 64, 128_256);
            assertTensor(gguf, "rope_freqs.weight", GgmlType.F32, 8);
            assertTensor(gguf, "blk.1.attn_k.weight", GgmlType.Q8_0, 64, 32);
            assertTensor(gguf, "blk.0.ffn_down.weight", GgmlType.Q8_0, 192, 64);
            assertTensor(gguf, "blk.0.attn_norm.weight", GgmlType.F32, 64);
            assertEquals(64L * 128_256 / 32 * 34, gguf.tensor("token_embd.weight").orElseThrow().byteSize());
            assertAllDataReadable(gguf);
        }
    }

    @Test
    void tinyF32ModelHasOnlyFloatTensorsCoveringTheFile() {
        try (GgufFile gguf = GgufFile.open(testdata("tiny-llama31-f32.gguf"))) {
            assertEquals(22, gguf.tensors().size());
            assertTrue(gguf.tensors().stream().allMatch(t -> t.type() == GgmlType.F32));
            assertTensor(gguf, "blk.1.ffn_gate.weight", GgmlType.F32, 64, 192);
            GgufTensorInfo last = gguf.tensors().getLast();
            assertTrue(gguf.dataOffset() + last.offset() + last.byteSize() <= gguf.fileSize());
            MemorySegment ropeFreqs = gguf.tensorData(gguf.tensor("rope_freqs.weight").orElseThrow());
            float first = ropeFreqs.get(ValueLayout.JAVA_FLOAT_UNALIGNED, 0);
            assertEquals(1f, first, "Llama 3.1 scaling leaves the highest frequencies undivided");
            assertAllDataReadable(gguf);
        }
    }

    @Test
    void rewritingTheQ8ModelWithGgufWriterReproducesItByteForByte(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Path original = testdata("tiny-llama31-q8_0.gguf");
        Path copy = dir.resolve("copy.gguf");
        try (GgufFile gguf = GgufFile.open(original)) {
            GgufWriter writer = new GgufWriter();
            gguf.metadata().asMap().forEach(writer::put);
            for (GgufTensorInfo tensor : gguf.tensors()) {
                writer.encodedTensor(tensor.name(), tensor.type(), tensor.shape(),
                        gguf.tensorData(tensor).toArray(ValueLayout.JAVA_BYTE));
            }
            writer.write(copy);
        }
        assertEquals(-1L, Files.mismatch(original, copy));
    }

    @Test
    void rewritingTheVocabFileReproducesItByteForByte(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Path original = testdata("llama31-vocab.gguf");
        Path copy = dir.resolve("vocab.gguf");
        try (GgufFile gguf = GgufFile.open(original)) {
            GgufWriter writer = new GgufWriter();
            gguf.metadata().asMap().forEach(writer::put);
            writer.write(copy);
        }
        assertEquals(-1L, Files.mismatch(original, copy));
    }

    private static void assertTensor(GgufFile gguf, String name, GgmlType type, long... shape) {
        GgufTensorInfo tensor = gguf.tensor(name).orElseThrow(() -> new AssertionError("no tensor " + name));
        assertEquals(type, tensor.type(), name);
        assertArrayEquals(shape, tensor.shape(), name + " shape " + Arrays.toString(tensor.shape()));
    }

    private static void assertAllDataReadable(GgufFile gguf) {
        for (GgufTensorInfo tensor : gguf.tensors()) {
            MemorySegment data = gguf.tensorData(tensor);
            assertEquals(tensor.byteSize(), data.byteSize());
            data.get(ValueLayout.JAVA_BYTE, data.byteSize() - 1);
        }
    }
}
