package io.lariat.prompts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The §9.4 edge cases, each with the exact expected turn in the test-vector JSON shape. */
class ToolCallParserEdgeCaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @MethodSource("io.lariat.prompts.parse.ParserCases#edgeCases")
    void edgeCaseParsesExactly(String output, String expectedJson) throws IOException {
        JsonNode expected = JSON.readTree(expectedJson);
        assertEquals(expected, ToolCallParser.parse(output).toJson());
    }

    @Test
    void truncatedCallExplainsThatNothingWasExecuted() {
        ParsedTurn turn = ToolCallParser.parse("<|python_tag|>brave_search.call(query=\"x");
        assertEquals(List.of("output was truncated at the token limit while writing a builtin (NAME.call(...)) call;"
                + " the call was not executed"), turn.problems());
    }

    @Test
    void malformedJsonCallBecomesContentWithReason() {
        ParsedTurn turn = ToolCallParser.parse("{\"name\": \"f\", \"parameters\": {\"a\": 1}<|eot_id|>");
        assertEquals(List.of(), turn.calls());
        assertEquals("{\"name\": \"f\", \"parameters\": {\"a\": 1}", turn.content());
        assertEquals(1, turn.problems().size());
        assertTrue(turn.problems().getFirst().startsWith("looks like a JSON call but is not one: invalid JSON: "),
                turn.problems().getFirst());
    }

    @Test
    void integersStayIntegralAndFloatsStayFloating() {
        ParsedTurn turn = ToolCallParser.parse("[f(a=10, b=5.2, c=12345678901, d=1e-05)]<|eot_id|>");
        JsonNode args = turn.calls().getFirst().arguments();
        assertTrue(args.get("a").isInt());
        assertTrue(args.get("b").isDouble());
        assertTrue(args.get("c").isLong());
        assertEquals(1e-05, args.get("d").doubleValue());
    }
}
