package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParseCommandTest {
    @TempDir
    Path home;

    static List<Arguments> specCases() throws Exception {
        Path file = Path.of(System.getProperty("lariat.shared.dir", "../../shared"))
                .resolve("spec/cases/tool-calls.json");
        Assumptions.assumeTrue(Files.isRegularFile(file), "spec cases " + file + " are absent");
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : Json.MAPPER.readTree(file.toFile())) {
            cases.add(Arguments.of(c.get("id").asText(), c.get("model_output").asText(), c.get("expected")));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specCases")
    void printsCallsContentAndStop(String id, String output, JsonNode expected) throws Exception {
        CliHarness.Result r = CliHarness.run(Map.of(), home, output, "parse");
        assertEquals(0, r.status(), r.err());
        assertEquals(expected, Json.MAPPER.readTree(r.out()));
    }

    @Test
    void garbageIsContentNeverAnError() throws Exception {
        CliHarness.Result r = CliHarness.run(Map.of(), home, "{\"name\": \"x\", \"parameters\": {", "parse");
        assertEquals(0, r.status());
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertEquals(0, json.get("tool_calls").size());
        assertEquals("length", json.get("stop").asText());
    }

    @Test
    void newlineAfterTheStopTokenIsNotPartOfTheOutput() throws Exception {
        CliHarness.Result r = CliHarness.run(Map.of(), home,
                "<|python_tag|>wolfram_alpha.call(query=\"2+2\")<|eom_id|>\n", "parse");
        assertEquals(0, r.status(), r.err());
        assertEquals(Json.MAPPER.readTree("{\"tool_calls\":[{\"name\":\"wolfram_alpha\",\"arguments\":"
                + "{\"query\":\"2+2\"}}],\"content\":null,\"stop\":\"eom\"}"), Json.MAPPER.readTree(r.out()));
    }

    @Test
    void newlineAfterUnfinishedOutputIsKept() {
        assertEquals("partial answer\n", ParseCommand.withoutNewlinesAfterStop("partial answer\n"));
        assertEquals("done<|eot_id|>", ParseCommand.withoutNewlinesAfterStop("done<|eot_id|>\r\n"));
    }
}
