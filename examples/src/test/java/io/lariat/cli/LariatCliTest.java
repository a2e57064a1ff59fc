package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LariatCliTest {
    @TempDir
    Path home;

    @Test
    void helpListsEveryCommand() {
        CliHarness.Result r = CliHarness.run(home, "--help");
        assertEquals(0, r.status());
        for (String command : new String[] {"run", "agent", "serve", "list", "show", "pull", "rm", "tokenize", "gguf",
                "logits", "bench", "render", "parse", "tool", "tools"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + command + " ") || l.startsWith("  " + command
                    + ",")), command + " missing from:\n" + r.out());
        }
    }

    @Test
    void unknownCommandIsOneLineWithStatus2() {
        CliHarness.Result r = CliHarness.run(home, "frobnicate");
        assertEquals(2, r.status());
        assertEquals("lariat: Unmatched argument at index 0: 'frobnicate' (see --help)\n", r.err());
    }

    @Test
    void missingFileIsOneLineWithoutStackTrace() {
        CliHarness.Result r = CliHarness.run(home, "gguf", "--model", home.resolve("absent.gguf").toString());
        assertEquals(1, r.status());
        assertEquals("lariat: no such model file: " + home.resolve("absent.gguf") + "\n", r.err());
    }

    @Test
    void debugAddsTheStackTrace() {
        CliHarness.Result r = CliHarness.run(home, "--debug", "gguf", "--model", home.resolve("absent.gguf")
                .toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("lariat: no such model file: "), r.err());
        assertTrue(r.err().contains("\tat io.lariat.agent.store.ModelStores.resolve"), r.err());
    }

    @Test
    void serveFromThePlainCliPointsToTheLauncher() {
        CliHarness.Result r = CliHarness.run(home, "serve", "--port", "0");
        assertEquals(1, r.status());
        assertEquals("lariat: serve runs as the Quarkus application: start it with ./lariat serve "
                + "(java -jar examples/target/quarkus-app/quarkus-run.jar serve ...)\n", r.err());
    }

    @Test
    void aNegativeTemperatureIsAUsageError() {
        CliHarness.Result r = CliHarness.run(home, "run", "demo", "hi", "--temperature", "-1");
        assertEquals(2, r.status());
        assertEquals("lariat: Invalid value for option '--temperature': the temperature must be 0 (greedy) or more, "
                + "got -1 (see --help)\n", r.err());
    }

    @Test
    void aContextBeyondAnyModelIsAUsageError() {
        for (String command : new String[] {"run demo hi", "agent calculator 1+1", "eval-demo"}) {
            String[] args = (command + " --ctx 999999").split(" ");
            CliHarness.Result r = CliHarness.run(home, args);
            assertEquals(2, r.status(), command);
            assertEquals("lariat: Invalid value for option '--ctx': the context must be 16 to 131072 tokens, got "
                    + "999999 (see --help)\n", r.err(), command);
        }
    }

    @Test
    void aTopPAboveOneIsAUsageError() {
        CliHarness.Result r = CliHarness.run(home, "run", "demo", "hi", "--top-p", "1.5");
        assertEquals(2, r.status());
        assertEquals("lariat: Invalid value for option '--top-p': top-p must be above 0 and at most 1, got 1.5 "
                + "(see --help)\n", r.err());
    }
}
