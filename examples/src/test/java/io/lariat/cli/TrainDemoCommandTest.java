package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.engine.gguf.GgufFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainDemoCommandTest {
    @TempDir
    Path home;

    @Test
    void trainsATinyModelOfTheGivenShapeWithItsProgressLine() {
        Path vocab = CliHarness.shared("llama31-vocab.gguf");
        Path out = home.resolve("tiny.gguf");
        CliHarness.Result r = CliHarness.run(home, "train-demo", "--vocab", vocab.toString(), "--out", out.toString(),
                "--size", "tiny", "--dim", "96", "--layers", "3", "--kv-heads", "4", "--steps", "20", "--batch", "2",
                "--held-out", "0", "--agents", "calculator:20", "-t", "1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().startsWith("calculator: 20 conversations, "), r.err());
        assertTrue(r.err().matches("(?s).*\\rstep 10/20 loss [0-9.]+ lr .* eta \\d+s\\rstep 20/20 loss .*"), r.err());
        assertTrue(r.err().endsWith("\nwrote " + out + " (" + sizeOf(out) + " bytes)\n"), r.err());
        try (GgufFile model = GgufFile.open(out)) {
            assertEquals(3, model.metadata().integer("llama.block_count"));
            assertEquals(96, model.metadata().integer("llama.embedding_length"));
            assertEquals(192, model.metadata().integer("llama.feed_forward_length"));
            assertEquals(4, model.metadata().integer("llama.attention.head_count_kv"));
        }
    }

    @Test
    void aMissingVocabularyIsAUsageError() {
        CliHarness.Result r = CliHarness.run(home, "train-demo", "--out", "x.gguf");
        assertEquals(2, r.status());
        assertEquals("lariat: Missing required option: '--vocab=<vocab>' (see --help)\n", r.err());
    }

    @Test
    void aShapeTheTrainerCannotBuildIsAUsageErrorOnOneLine() {
        CliHarness.Result r = CliHarness.run(home, "train-demo", "--vocab", "v.gguf", "--out", "x.gguf",
                "--kv-heads", "3");
        assertEquals(2, r.status(), r.err());
        assertEquals("lariat: dim/heads must be even and heads divisible by kvHeads: dim 128, heads 4, kvHeads 3"
                + " (see --help)\n", r.err());
        assertFalse(Files.exists(home.resolve("x.gguf")));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
