package io.lariat.engine;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Embeddings of the shared tiny model: mean-pooled final hidden states, independent of how prefill is batched. */
class LlamaEngineEmbedTest {
    private static Path tinyModel() {
        Path model = Path.of(System.getProperty("lariat.shared.dir", "../../shared"))
                .resolve("testdata/tiny-llama31-f32.gguf");
        Assumptions.assumeTrue(Files.isRegularFile(model), "shared test model " + model + " is absent");
        return model;
    }

    @Test
    void embeddingHasTheModelsWidthAndRepeatsForTheSameText() {
        try (LlamaEngine engine = LlamaEngine.load(tinyModel(), EngineOptions.builder().threads(2).build())) {
            int[] ids = engine.tokenizer().encode("The sky is blue.");
            float[] first = engine.embed(ids);
            assertEquals(engine.config().dim(), first.length);
            // the kernels split work across threads as they come free, so sums may differ in the last bit
            assertArrayEquals(first, engine.embed(ids), 1e-5f);
            assertFalse(java.util.Arrays.equals(first, engine.embed(engine.tokenizer().encode("Grass is green."))));
        }
    }

    @Test
    void embeddingIsTheMeanOfEachPositionsStateWhateverTheBatchSize() {
        int[] ids;
        float[] whole;
        try (LlamaEngine engine = LlamaEngine.load(tinyModel(), EngineOptions.builder().threads(2).build())) {
            ids = engine.tokenizer().encode("one two three four five six seven");
            whole = engine.embed(ids);
        }
        // batches of 3 tokens: the same positions through the same cache, in three forward steps
        try (LlamaEngine engine = LlamaEngine.load(tinyModel(),
                EngineOptions.builder().threads(2).batchSize(3).build())) {
            float[] chunked = engine.embed(ids);
            for (int i = 0; i < whole.length; i++) {
                assertEquals(whole[i], chunked[i], 1e-4f, "component " + i);
            }
        }
    }

    @Test
    void emptyInputIsRefused() {
        try (LlamaEngine engine = LlamaEngine.load(tinyModel(), EngineOptions.builder().threads(2).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.embed(new int[0]));
            assertEquals("cannot embed 0 tokens (context " + engine.config().contextLength() + ")", e.getMessage());
        }
    }
}
