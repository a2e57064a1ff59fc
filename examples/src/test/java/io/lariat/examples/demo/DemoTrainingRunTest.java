package io.lariat.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CI smoke test of the demo training pipeline on a tiny model: real data, real tools, a short run, export. */
class DemoTrainingRunTest {

    private static final Path VOCAB = Path.of(System.getProperty("lariat.shared.dir", "../../shared"))
            .resolve("testdata/llama31-vocab.gguf");

    @TempDir
    Path dir;

    @Test
    void shortRunCutsTheLossFourfoldAndExportsALoadableModel() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(VOCAB), "needs ../shared/testdata/llama31-vocab.gguf");
        Path out = dir.resolve("smoke.gguf");
        DemoTrainingRun.Settings settings = new DemoTrainingRun.Settings(VOCAB, out, 3, 120, 0, 8, 2, null, 100,
                new TrainConfig(64, 2, 4, 2, 128, 500_000f, 1e-5f, 4096), 1e-2f,
                Map.of(DemoAgent.CALCULATOR, 200), 50, null);
        DemoTrainingRun.Result result = DemoTrainingRun.run(settings, line -> { });
        assertTrue(result.lastLoss() < result.firstLoss() / 4,
                "loss " + result.firstLoss() + " -> " + result.lastLoss());
        try (GgufFile model = GgufFile.open(out)) {
            assertEquals("llama", model.metadata().string("general.architecture"));
            assertEquals(2, model.metadata().integer("llama.block_count"));
            assertEquals(1 + 2 * 9 + 1, model.tensors().size());
            assertTrue(model.metadata().string("tokenizer.chat_template").contains("Environment: ipython"));
        }
    }

    @Test
    void layersOverrideTheSizesBlockCountAndNothingElse() {
        String[] common = {"--vocab", "v.gguf", "--out", "o.gguf"};
        assertEquals(TrainConfig.demo(), DemoTrainingRun.Settings.parse(common).config());
        DemoTrainingRun.Settings deeper = DemoTrainingRun.Settings.parse(
                new String[] {"--vocab", "v.gguf", "--out", "o.gguf", "--layers", "6"});
        assertEquals(TrainConfig.demo().withLayers(6), deeper.config());
        assertEquals(6, deeper.config().layers());
        assertEquals(TrainConfig.demo().dim(), deeper.config().dim());
        DemoTrainingRun.Settings tiny = DemoTrainingRun.Settings.parse(
                new String[] {"--vocab", "v.gguf", "--out", "o.gguf", "--size", "tiny", "--layers", "3"});
        assertEquals(new TrainConfig(64, 3, 4, 2, 128, 500_000f, 1e-5f, 4096), tiny.config());
    }

    @Test
    void dimOverridesTheSizesWidthAndScalesTheFfnWithIt() {
        DemoTrainingRun.Settings wider = DemoTrainingRun.Settings.parse(
                new String[] {"--vocab", "v.gguf", "--out", "o.gguf", "--dim", "160"});
        assertEquals(new TrainConfig(160, 4, 4, 2, 480, 500_000f, 1e-5f, 4096), wider.config());
        assertEquals(40, wider.config().headDim());
        DemoTrainingRun.Settings tiny = DemoTrainingRun.Settings.parse(
                new String[] {"--vocab", "v.gguf", "--out", "o.gguf", "--size", "tiny", "--dim", "96"});
        assertEquals(new TrainConfig(96, 2, 4, 2, 192, 500_000f, 1e-5f, 4096), tiny.config());
        assertThrows(IllegalArgumentException.class, () -> DemoTrainingRun.Settings.parse(
                new String[] {"--vocab", "v.gguf", "--out", "o.gguf", "--dim", "100"}));
        IllegalArgumentException unexportable = assertThrows(IllegalArgumentException.class,
                () -> DemoTrainingRun.Settings.parse(
                        new String[] {"--vocab", "v.gguf", "--out", "o.gguf", "--dim", "80"}));
        assertEquals("the exported embedding is Q4_0, so the width must be a multiple of 32: dim 80",
                unexportable.getMessage());
    }

    @Test
    void kvHeadsOverrideTheSizesKeyValueHeadsAndNothingElse() {
        DemoTrainingRun.Settings full = DemoTrainingRun.Settings.parse(
                new String[] {"--vocab", "v.gguf", "--out", "o.gguf", "--kv-heads", "4"});
        assertEquals(new TrainConfig(128, 4, 4, 4, 384, 500_000f, 1e-5f, 4096), full.config());
        assertThrows(IllegalArgumentException.class, () -> DemoTrainingRun.Settings.parse(
                new String[] {"--vocab", "v.gguf", "--out", "o.gguf", "--kv-heads", "3"}));
    }
}
