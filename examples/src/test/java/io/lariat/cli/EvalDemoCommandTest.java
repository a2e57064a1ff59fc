package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvalDemoCommandTest {
    @TempDir
    Path home;

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of("--per-agent", "0"), "lariat: --per-agent must be at least 1, got 0 (see --help)\n"),
                Arguments.of(List.of("--per-agent", "many"), "lariat: Invalid value for option '--per-agent': 'many' is "
                        + "not an int (see --help)\n"),
                Arguments.of(List.of("--agents", "calculator,poet"), "lariat: unknown agent 'poet' (known: calculator, "
                        + "researcher, analyst, concierge) (see --help)\n"),
                Arguments.of(List.of("--seed"), "lariat: Missing required parameter for option '--seed' (<seed>) "
                        + "(see --help)\n"),
                Arguments.of(List.of("--set", "easy"), "lariat: Invalid value for option '--set': expected held-out, "
                        + "natural or generated, got 'easy' (see --help)\n"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsAreUsageErrors(List<String> args, String message) {
        String[] line = Stream.concat(Stream.of("eval-demo"), args.stream()).toArray(String[]::new);
        CliHarness.Result r = CliHarness.run(home, line);
        assertEquals(2, r.status());
        assertEquals(message, r.err());
        assertEquals("", r.out());
    }

    @Test
    void theTableHasOneRowPerAgentAndATotal() {
        String table = EvalDemoCommand.table(List.of(new EvalDemoCommand.Tally("calculator", 60, 60, 57, 48, 54),
                new EvalDemoCommand.Tally("concierge", 60, 54, 45, 30, 42)));
        assertEquals("""
                agent        tasks  well-formed call  correct answer      right args  strict correct
                calculator      60            100.0%           95.0%           80.0%           90.0%
                concierge       60             90.0%           75.0%           50.0%           70.0%
                total          120             95.0%           85.0%           65.0%           80.0%
                """, table);
    }

    /** The bundled model through the real agent loop on three tasks: the shape and the counts, not the accuracy. */
    @Test
    void measuresTheBundledModelThroughTheAgentLoop() {
        Assumptions.assumeTrue(DemoModel.find(home).isPresent(), "this build bundles no demo model");
        CliHarness.Result r = CliHarness.run(home, "eval-demo", "--per-agent", "1", "--agents",
                "calculator,researcher,concierge", "--json");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), r.out());
        JsonNode json = Json.parse(lines.getFirst(), "output");
        assertEquals(Set.of("model", "set", "seed", "per_agent", "constrained_calls", "agents", "tasks"),
                fieldNames(json));
        assertEquals(EvalDemoCommand.DEFAULT_SEED, json.get("seed").asLong());
        assertTrue(json.get("constrained_calls").asBoolean());
        assertEquals(3, json.get("tasks").asInt());
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode agent : json.get("agents")) {
            names.add(agent.get("agent").asText());
            assertEquals(1, agent.get("tasks").asInt());
            int wellFormed = agent.get("well_formed").asInt();
            int correct = agent.get("correct").asInt();
            assertTrue(wellFormed >= 0 && wellFormed <= 1 && correct >= 0 && correct <= 1, agent.toString());
            assertEquals(100.0 * wellFormed, agent.get("well_formed_pct").asDouble());
            assertEquals(100.0 * correct, agent.get("correct_pct").asDouble());
            assertTrue(agent.get("right_arguments").asInt() <= wellFormed, agent.toString());
            assertTrue(agent.get("strict_correct").asInt() <= correct, agent.toString());
        }
        assertEquals(List.of("calculator", "researcher", "concierge"), names);
        for (String agent : names) {
            assertTrue(r.err().matches("(?s).*\r" + agent + ": 1/1 tasks, [01] correct\r.*"), r.err());
        }
        assertEquals("calculator: 1 tasks done\nresearcher: 1 tasks done\nconcierge: 1 tasks done\n",
                r.err().lines().filter(l -> l.endsWith("tasks done")).map(l -> l + "\n")
                        .reduce("", String::concat));
    }

    @Test
    void noConstrainedCallsIsRecordedInTheJson() {
        Assumptions.assumeTrue(DemoModel.find(home).isPresent(), "this build bundles no demo model");
        CliHarness.Result r = CliHarness.run(home, "eval-demo", "--per-agent", "1", "--agents", "calculator",
                "--no-constrained-calls", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = Json.parse(r.out().strip(), "output");
        assertFalse(json.get("constrained_calls").asBoolean());
        assertEquals(1, json.get("tasks").asInt());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
