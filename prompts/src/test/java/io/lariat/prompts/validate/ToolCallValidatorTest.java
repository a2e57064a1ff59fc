package io.lariat.prompts.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.parse.ParsedTurn;
import io.lariat.prompts.parse.ToolCall;
import io.lariat.prompts.parse.ToolCallFormat;
import io.lariat.prompts.parse.ToolCallParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ToolCallValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ToolCallValidator validator() throws Exception {
        JsonNode weather = JSON.readTree("""
                {"type": "object", "properties": {
                   "city": {"type": "string"},
                   "unit": {"type": "string", "enum": ["CELSIUS", "FAHRENHEIT"]},
                   "days": {"type": "integer"},
                   "detailed": {"type": "boolean"},
                   "ratio": {"type": "number"},
                   "tags": {"type": "array", "items": {"type": "integer"}},
                   "place": {"type": "object", "properties": {"lat": {"type": "number"}}, "required": ["lat"],
                             "additionalProperties": false}},
                 "required": ["city"]}""");
        JsonNode songs = JSON.readTree("{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}, "
                + "\"genre\": {\"type\": \"string\"}}, \"required\": [\"n\"]}");
        return new ToolCallValidator(List.of(new ToolSpec("get_weather", "Weather", weather),
                new ToolSpec("trending_songs", "Songs", songs)));
    }

    private static ToolCall call(String name, String arguments) throws Exception {
        return ToolCall.of(name, (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(arguments));
    }

    private static List<String> problems(CallValidation validation) {
        return assertInstanceOf(CallValidation.Invalid.class, validation).problems();
    }

    @Test
    void quotedIntegerFromTheDocsIsCoercedToAnInteger() throws Exception {
        ParsedTurn turn = ToolCallParser.parse("<|python_tag|>{\"type\": \"function\", \"name\": \"trending_songs\", "
                + "\"parameters\": {\"n\": \"10\", \"genre\": \"all\"}}<|eom_id|>");
        CallValidation.Valid valid = assertInstanceOf(CallValidation.Valid.class,
                validator().validate(turn.calls().getFirst()));
        assertEquals(JSON.readTree("{\"n\": 10, \"genre\": \"all\"}"), valid.call().arguments());
        assertEquals(10, valid.call().arguments().get("n").intValue());
        assertEquals(ToolCallFormat.JSON, valid.call().format());
    }

    @Test
    void enumViolationNamesPathChoicesAndValue() throws Exception {
        assertEquals(List.of("$.unit: expected one of CELSIUS, FAHRENHEIT, got \"kelvin\""),
                problems(validator().validate(call("get_weather", "{\"city\": \"Paris\", \"unit\": \"kelvin\"}"))));
    }

    @Test
    void unknownToolListsTheDeclaredOnes() throws Exception {
        assertEquals(List.of("unknown tool \"get_wether\"; declared tools: get_weather, trending_songs"),
                problems(validator().validate(call("get_wether", "{}"))));
    }

    @Test
    void missingRequiredArgumentIsReported() throws Exception {
        assertEquals(List.of("$: missing required argument \"city\""),
                problems(validator().validate(call("get_weather", "{\"days\": 2}"))));
    }

    @Test
    void typeErrorsNameTheNestedPath() throws Exception {
        assertEquals(List.of("$.days: expected an integer, got 2.5", "$.tags[1]: expected an integer, got \"x\"",
                        "$.place.alt: unexpected argument; expected one of lat", "$.place: missing required argument \"lat\""),
                problems(validator().validate(call("get_weather",
                        "{\"city\": \"P\", \"days\": 2.5, \"tags\": [1, \"x\"], \"place\": {\"alt\": 3}}"))));
    }

    @Test
    void commonModelSpellingsAreCoerced() throws Exception {
        CallValidation.Valid valid = assertInstanceOf(CallValidation.Valid.class, validator().validate(call(
                "get_weather", "{\"city\": 75001, \"days\": 3.0, \"detailed\": \"True\", \"ratio\": \"0.5\", "
                        + "\"tags\": [\"1\", 2], \"place\": {\"lat\": \"48.85\"}}")));
        assertEquals(JSON.readTree("{\"city\": \"75001\", \"days\": 3, \"detailed\": true, \"ratio\": 0.5, "
                + "\"tags\": [1, 2], \"place\": {\"lat\": 48.85}}"), valid.call().arguments());
    }

    @Test
    void invalidMessageJoinsProblems() throws Exception {
        CallValidation.Invalid invalid = assertInstanceOf(CallValidation.Invalid.class,
                validator().validate(call("trending_songs", "{\"n\": \"many\", \"genre\": [1]}")));
        assertEquals("$.n: expected an integer, got \"many\"; $.genre: expected a string, got [1]", invalid.message());
    }
}
