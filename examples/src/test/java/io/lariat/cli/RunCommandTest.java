package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    private static final String GO_DURATION = "(\\d+h)?(\\d+m)?\\d+(\\.\\d+)?(ns|µs|ms|s)";
    /** Ollama's --verbose block, one pattern per line, values at column 23. */
    private static final List<String> VERBOSE_LINES = List.of(
            "total duration:       " + GO_DURATION,
            "load duration:        " + GO_DURATION,
            "prompt eval count:    \\d+ token\\(s\\)",
            "prompt eval duration: " + GO_DURATION,
            "prompt eval rate:     \\d+\\.\\d\\d tokens/s",
            "eval count:           \\d+ token\\(s\\)",
            "eval duration:        " + GO_DURATION,
            "eval rate:            \\d+\\.\\d\\d tokens/s");

    @TempDir
    Path home;

    private String model() {
        return CliHarness.shared("tiny-llama31-f32.gguf").toString();
    }

    private static void assertVerboseBlock(List<String> lines) {
        assertEquals(VERBOSE_LINES.size(), lines.size(), String.join("\n", lines));
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).matches(VERBOSE_LINES.get(i)), "line " + (i + 1) + ": " + lines.get(i));
        }
    }

    @Test
    void oneAnswerWithTheVerboseBlock() {
        CliHarness.Result r = CliHarness.run(home, "run", model(), "Hello", "--verbose", "--temperature", "0",
                "--max-tokens", "5", "--ctx", "256", "-t", "1");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.err().lines().toList();
        assertVerboseBlock(lines);
        assertEquals("eval count:           5 token(s)", lines.get(5));
        assertTrue(r.out().endsWith("\n"), r.out());
    }

    @Test
    void withoutVerboseStderrStaysEmpty() {
        CliHarness.Result r = CliHarness.run(home, "run", model(), "Hello", "--temperature", "0", "--max-tokens",
                "3", "--ctx", "256", "-t", "1");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void interactiveChatKnowsByeClearAndSetVerbose() {
        CliHarness.Result r = CliHarness.run(Map.of(), home, "Hi\n/set verbose\nAgain\n/clear\n/oops\n/bye\nnever\n",
                "run", model(), "--temperature", "0", "--max-tokens", "3", "--ctx", "256", "-t", "1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith(">>> "), r.out());
        assertTrue(r.out().contains(">>> Set 'verbose' mode.\n>>> "), r.out());
        assertTrue(r.out().contains(">>> Cleared session context\n>>> Unknown command '/oops'."), r.out());
        assertTrue(r.out().endsWith(">>> "), r.out());
        assertVerboseBlock(r.err().lines().toList());
        assertEquals("load duration:        0s", r.err().lines().toList().get(1));
    }

    @Test
    void interactiveChatKnowsHelpShowSetAndMultiLineLocally() {
        CliHarness.Result r = CliHarness.run(Map.of(), home, "/?\n/set parameter temperature 0\n/set parameter "
                + "temperature -1\n/set system Be brief.\n/show system\n/show template\n\"\"\"Hi\nthere\"\"\"\n/bye\n",
                "run", model(), "--max-tokens", "2", "--ctx", "256", "-t", "1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith(">>> " + InteractiveChat.HELP + "\n>>> Set parameter 'temperature' to '0'\n"
                + ">>> Couldn't set parameter: temperature: the temperature must be 0 (greedy) or more, got -1\n"
                + ">>> Set system message.\n>>> Be brief.\n>>> {{- bos_token }}\n"), r.out());
        assertTrue(r.out().contains("\n>>> ... "), "a continuation prompt for the second line: " + r.out());
        assertTrue(r.out().endsWith(">>> "), r.out());
    }

    @Test
    void anUnknownModelIsOneLine() {
        CliHarness.Result r = CliHarness.run(home, "run", "nope:1b", "Hi");
        assertEquals(1, r.status());
        assertEquals("lariat: unknown model 'nope:1b': not a file, and not in " + home.resolve(".lariat/models")
                + " or " + home.resolve(".ollama/models") + " (try: lariat pull nope:1b)\n", r.err());
    }

    @Test
    void aBadTemperatureIsAUsageError() {
        CliHarness.Result r = CliHarness.run(home, "run", model(), "Hi", "--temperature", "warm");
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
