package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufCommandTest {
    @TempDir
    Path home;

    @Test
    void printsMetadataSummarisedAndTheTensorTable() {
        String model = CliHarness.shared("tiny-llama31-q8_0.gguf").toString();
        CliHarness.Result r = CliHarness.run(home, "gguf", "--model", model);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  general\\.architecture +\"llama\"")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  tokenizer\\.ggml\\.tokens +\\[128256 × string: \"!\", "
                + "\"\\\\\"\", \"#\", \"\\$\", \"%\", \"&\", \"'\", \"\\(\", …]")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  token_embd\\.weight +Q8_0 +\\[64 × 128256\\] +\\d+")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  rope_freqs\\.weight +F32 +\\[8\\] +\\d+")), r.out());
    }

    @Test
    void truncatedFileNamesTheOffset() throws Exception {
        Path source = CliHarness.shared("tiny-llama31-q8_0.gguf");
        Path cut = home.resolve("cut.gguf");
        try (var in = Files.newInputStream(source)) {
            Files.write(cut, in.readNBytes(1000));
        }
        CliHarness.Result r = CliHarness.run(home, "gguf", "--model", cut.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("lariat: cut.gguf @ 0x2DA: element count of tokenizer.ggml.tokens 128256 "
                + "exceeds"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
