package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizeCommandTest {
    @TempDir
    Path home;

    @Test
    void printsTheIdsAsOneJsonArray() {
        String vocab = CliHarness.shared("llama31-vocab.gguf").toString();
        CliHarness.Result r = CliHarness.run(home, "tokenize", "--model", vocab, "This is a test sentence.");
        assertEquals(0, r.status(), r.err());
        assertEquals("[2028,374,264,1296,11914,13]\n", r.out());
    }

    @Test
    void specialNamesAreTextUnlessAsked() {
        String vocab = CliHarness.shared("llama31-vocab.gguf").toString();
        CliHarness.Result special = CliHarness.run(home, "tokenize", "--model", vocab, "--special", "<|eot_id|>");
        CliHarness.Result plain = CliHarness.run(home, "tokenize", "--model", vocab, "<|eot_id|>");
        assertEquals("[128009]\n", special.out());
        assertFalse(plain.out().contains("128009"), plain.out());
        assertEquals(0, plain.status());
    }

    @Test
    void aFileThatIsNotGgufIsOneLine() throws Exception {
        Path bad = java.nio.file.Files.writeString(home.resolve("bad.gguf"), "not a gguf file at all");
        CliHarness.Result r = CliHarness.run(home, "tokenize", "--model", bad.toString(), "x");
        assertEquals(1, r.status());
        assertEquals("lariat: bad.gguf @ 0x0: not a GGUF file (the first four bytes are not \"GGUF\")\n", r.err());
    }

    @Test
    void missingTextIsAUsageError() {
        CliHarness.Result r = CliHarness.run(home, "tokenize", "--model", "x.gguf");
        assertEquals(2, r.status());
        assertEquals("lariat: Missing required parameter: 'TEXT' (see --help)\n", r.err());
    }
}
