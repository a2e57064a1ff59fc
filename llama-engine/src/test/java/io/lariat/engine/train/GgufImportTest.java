package io.lariat.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lariat.engine.gguf.GgufFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufImportTest {

    private static final TrainConfig CONFIG = new TrainConfig(32, 2, 4, 2, 64, 500_000f, 1e-5f, 2048);

    @TempDir
    Path dir;

    private TrainedVocab vocab;
    private TrainedModel model;
    private Path file;

    @BeforeEach
    void exportSmallModel() {
        Assumptions.assumeTrue(Files.isRegularFile(GgufExportTest.VOCAB), "needs ../shared/testdata/llama31-vocab.gguf");
        BitSet used = new BitSet();
        used.set(0, 300);
        used.set(128000, 128011);
        vocab = TrainedVocab.of(128_256, used);
        ParameterLayout layout = new ParameterLayout(CONFIG, vocab.size());
        model = new TrainedModel(layout, vocab, ParameterInit.initialize(layout, 3));
        file = dir.resolve("model.gguf");
        GgufExport.write(model, GgufExportTest.VOCAB, "{{ messages }}", "lariat-test", file);
    }

    @Test
    void trainedIdsAreTheNonZeroEmbeddingRows() {
        try (GgufFile gguf = GgufFile.open(file)) {
            assertArrayEquals(vocab.ids(), GgufImport.trainedIds(gguf).stream().toArray());
        }
    }

    @Test
    void loadingTheSameVocabularyGivesTheExportedWeights() {
        ParameterLayout layout = new ParameterLayout(CONFIG, vocab.size());
        float[] values = new float[layout.size()];
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufImport.load(gguf, layout, vocab, values);
        }
        assertArrayEquals(GgufExport.asExported(model).values(), values);
    }

    /** A wider vocabulary (fine-tuning on new words): old rows come from the file, new rows keep their seeds. */
    @Test
    void rowsTheFileLeavesAtZeroKeepTheirInitialValues() {
        BitSet wider = new BitSet();
        wider.set(0, 400);
        wider.set(128000, 128011);
        TrainedVocab widerVocab = TrainedVocab.of(128_256, wider);
        ParameterLayout layout = new ParameterLayout(CONFIG, widerVocab.size());
        float[] init = ParameterInit.initialize(layout, 9);
        float[] values = init.clone();
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufImport.load(gguf, layout, widerVocab, values);
        }
        float[] exported = GgufExport.asExported(model).values();
        int dim = CONFIG.dim();
        assertArrayEquals(Arrays.copyOfRange(exported, 299 * dim, 300 * dim),
                Arrays.copyOfRange(values, widerVocab.row(299) * dim, widerVocab.row(299) * dim + dim));
        assertArrayEquals(Arrays.copyOfRange(init, widerVocab.row(350) * dim, widerVocab.row(350) * dim + dim),
                Arrays.copyOfRange(values, widerVocab.row(350) * dim, widerVocab.row(350) * dim + dim));
        int embedding = widerVocab.size() * dim;
        assertArrayEquals(Arrays.copyOfRange(exported, vocab.size() * dim, exported.length),
                Arrays.copyOfRange(values, embedding, values.length));
    }

    @Test
    void aModelOfAnotherShapeIsRejectedNamingTheTensor() {
        TrainConfig wider = new TrainConfig(64, 2, 4, 2, 64, 500_000f, 1e-5f, 2048);
        ParameterLayout layout = new ParameterLayout(wider, vocab.size());
        try (GgufFile gguf = GgufFile.open(file)) {
            TrainingException e = assertThrows(TrainingException.class,
                    () -> GgufImport.load(gguf, layout, vocab, new float[layout.size()]));
            assertEquals(file + ": token_embd.weight is 32 x 128256 but the run's layout needs 64 x 128256",
                    e.getMessage());
        }
    }
}
