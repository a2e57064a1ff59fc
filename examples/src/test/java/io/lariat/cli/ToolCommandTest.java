package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolCommandTest {
    @TempDir
    Path home;

    @Test
    void runsTheCalculatorExactly() throws Exception {
        CliHarness.Result r = CliHarness.run(home, "tool", "wolfram_alpha", "--args", "{\"query\": \"17% of 2,340\"}");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("397.8"), r.out());
        Json.MAPPER.readTree(r.out());
    }

    @Test
    void runsACustomExampleTool() throws Exception {
        CliHarness.Result r = CliHarness.run(home, "tool", "convert_units", "--args",
                "{\"value\": 10, \"from\": \"km\", \"to\": \"m\"}");
        assertEquals(0, r.status(), r.err());
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertEquals(10000.0, json.get("result").asDouble());
    }

    @Test
    void aFailedCallIsOneLineAndStatus1() {
        CliHarness.Result r = CliHarness.run(home, "tool", "convert_units", "--args",
                "{\"value\": 1, \"from\": \"kg\", \"to\": \"km\"}");
        assertEquals(1, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("lariat: convert_units: "), r.err());
        assertTrue(r.err().contains("cannot convert kg to km"), r.err());
    }

    @Test
    void unknownToolListsTheKnownOnes() {
        CliHarness.Result r = CliHarness.run(home, "tool", "teleport");
        assertEquals(1, r.status());
        assertEquals("lariat: unknown tool 'teleport' (known: wolfram_alpha, brave_search, code_interpreter, "
                + "convert_units, lookup_order)\n", r.err());
    }

    @Test
    void argumentsMustBeAJsonObject() {
        CliHarness.Result r = CliHarness.run(home, "tool", "wolfram_alpha", "--args", "[1]");
        assertEquals(1, r.status());
        assertEquals("lariat: --args must be a JSON object, got array\n", r.err());
    }

    @Test
    void toolsListsEveryToolWithItsSchema() throws Exception {
        CliHarness.Result r = CliHarness.run(home, "tools");
        assertEquals(0, r.status(), r.err());
        List<String> names = new ArrayList<>();
        for (JsonNode tool : Json.MAPPER.readTree(r.out())) {
            names.add(tool.get("name").asText());
            assertEquals("object", tool.get("parameters").get("type").asText());
        }
        assertEquals(List.of("wolfram_alpha", "brave_search", "code_interpreter", "convert_units", "lookup_order"),
                names);
    }
}
