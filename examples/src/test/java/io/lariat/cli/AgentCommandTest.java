package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.engine.Precision;
import io.lariat.examples.ExampleAgent;
import io.lariat.examples.ExampleRuns;
import io.lariat.examples.LocalTools;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AgentCommandTest {
    @TempDir
    Path home;

    /** Runs {@code agent ...} with the model replaced by a replay of {@code script}. */
    private CliHarness.Result run(List<String> script, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        LariatCli.Console console = new LariatCli.Console(new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), home);
        CommandLine cli = LariatCli.commandLine(console);
        AgentCommand agent = cli.getSubcommands().get("agent").getCommand();
        // read here, not in the backend factory: inside the command, a missing ../shared would be an error, not a skip
        var tokenizer = script.isEmpty() ? null : ExampleRuns.tokenizer();
        agent.backends = file -> new ReplayBackend(tokenizer != null ? tokenizer : ExampleRuns.tokenizer(), script,
                8192, java.time.Duration.ZERO);
        int status = cli.execute(args);
        return new CliHarness.Result(status, out.toString(), err.toString());
    }

    private String modelFile() throws Exception {
        return Files.writeString(home.resolve("replayed.gguf"), "GGUF").toString();
    }

    @Test
    void showsEachCallAndResultThenTheAnswer() throws Exception {
        CliHarness.Result r = run(List.of("<|python_tag|>wolfram_alpha.call(query=\"2^10\")<|eom_id|>",
                        "2^10 is 1024.<|eot_id|>"), "agent", "calculator", "What is 2^10?", "--model", modelFile(),
                "--verbose");
        assertEquals(0, r.status(), r.err());
        assertEquals("2^10 is 1024.\n", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals("→ wolfram_alpha {\"query\":\"2^10\"}", lines.get(0));
        assertTrue(lines.get(1).matches("← wolfram_alpha \\(\\S+\\): .*1024.*"), lines.get(1));
        assertTrue(lines.get(2).startsWith("iterations: 2, prompt tokens: "), lines.get(2));
    }

    @Test
    void exitsNonZeroWhenTheAgentNeverAnswers() throws Exception {
        String call = "<|python_tag|>wolfram_alpha.call(query=\"1+1\")<|eom_id|>";
        CliHarness.Result r = run(List.of(call, call, call, call, call), "agent", "calculator", "Loop", "--model",
                modelFile());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("lariat: the agent stopped without an answer (iteration_cap): "), r.err());
    }

    @Test
    void unknownAgentListsTheExamples() throws Exception {
        CliHarness.Result r = run(List.of(), "agent", "poet", "Write", "--model", modelFile());
        assertEquals(1, r.status());
        assertEquals("lariat: unknown agent 'poet' (known: calculator, researcher, analyst, concierge)\n", r.err());
    }

    @Test
    void withoutAModelOrADemoModelSaysNoModelIsConfigured() {
        Assumptions.assumeTrue(DemoModel.find(home).isEmpty(), "this build bundles a demo model");
        CliHarness.Result r = CliHarness.run(Map.of(), home, "", "agent", "calculator", "What is 2+2?");
        assertEquals(1, r.status());
        assertEquals("lariat: no model is configured: pass --model FILE|NAME or set LARIAT_MODEL (this build "
                + "bundles no demo model)\n", r.err());
    }

    @Test
    void aBlankTaskOnStdinIsRejected() throws Exception {
        CliHarness.Result r = CliHarness.run(Map.of(), home, "  \n", "agent", "calculator", "--model", modelFile());
        assertEquals(1, r.status());
        assertEquals("lariat: no task given: pass it as an argument or on stdin\n", r.err());
    }

    /**
     * The first run keeps the agent's system prompt and tools in the prefix folder under the home; the second run,
     * a new process in all but name (a new engine, no KV in memory), takes them from there and evaluates only what
     * follows: its answer is the same, and exactly the prefix moves from evaluated to reused.
     */
    @Test
    void aSecondRunEvaluatesOnlyWhatFollowsTheAgentsPrefix() throws Exception {
        Path demo = DemoModel.find(home).orElse(null);
        Assumptions.assumeTrue(demo != null, "this build bundles no demo model");
        int prefix;
        try (ModelBackend backend = AgentCommand.embedded(demo, 8192, Precision.EXACT, true, home.resolve("unused"),
                Map.of());
             LocalTools tools = new LocalTools()) {
            prefix = ExampleAgent.named("calculator").orElseThrow().create(backend, tools).prefix().length;
        }
        CliHarness.Result first = CliHarness.run(home, "agent", "calculator", "What is 6*7?", "--verbose");
        CliHarness.Result second = CliHarness.run(home, "agent", "calculator", "What is 6*7?", "--verbose");
        assertEquals(0, first.status(), first.err());
        assertEquals(0, second.status(), second.err());
        assertEquals(first.out(), second.out());
        int[] cold = promptTokens(first.err());
        int[] warm = promptTokens(second.err());
        assertTrue(prefix > 0, "the calculator has no fixed prefix");
        assertEquals(cold[0] - prefix, warm[0], second.err());
        assertEquals(cold[1] + prefix, warm[1], second.err());
    }

    /** The CLI reads lariat.kv.prefix-budget like the server, from its one default: a prefix beyond it is not kept. */
    @Test
    void prefixBudgetComesFromTheServersSetting() throws Exception {
        Path demo = DemoModel.find(home).orElse(null);
        Assumptions.assumeTrue(demo != null, "this build bundles no demo model");
        CliHarness.Result tiny = CliHarness.run(Map.of("LARIAT_KV_PREFIX_BUDGET", "1K"), home, "", "agent",
                "calculator", "What is 6*7?");
        assertEquals(0, tiny.status(), tiny.err());
        Path folder = io.lariat.agent.AgentRuntime.defaultPrefixDir(home);
        try (var files = Files.exists(folder) ? Files.walk(folder) : java.util.stream.Stream.<Path>empty()) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
        CliHarness.Result invalid = CliHarness.run(Map.of("LARIAT_KV_PREFIX_BUDGET", "0"), home, "", "agent",
                "calculator", "What is 6*7?");
        assertEquals(1, invalid.status());
        assertTrue(invalid.err().contains("lariat.kv.prefix-budget: must be a positive size such as 1G, got 0"),
                invalid.err());
    }

    /** {evaluated, reused} of the {@code --verbose} stats line. */
    private static int[] promptTokens(String err) {
        Matcher m = Pattern.compile("prompt tokens: (\\d+) evaluated \\+ (\\d+) reused").matcher(err);
        assertTrue(m.find(), err);
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
}
