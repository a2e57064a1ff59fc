package io.lariat.prompts.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each supported keyword at the byte level: documents the automaton accepts in full, and ones it refuses. */
class JsonSchemaGrammarTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> features() {
        return Stream.of(
                feature("string", "{\"type\":\"string\"}", List.of("\"\"", "\"héllo 😀\"", "\"a\\n\\\"b\\u00e9\""),
                        List.of("\"a", "\"\\x\"", "\"\\ud83d\\ude00\"", "\"tab\there\"", "12")),
                feature("string lengths", "{\"type\":\"string\",\"minLength\":2,\"maxLength\":3}",
                        List.of("\"ab\"", "\"abc\"", "\"é😀\"", "\"\\n\\t\""), List.of("\"a\"", "\"abcd\"", "\"\"")),
                feature("integer", "{\"type\":\"integer\"}", List.of("0", "-12", "123456789012345"),
                        List.of("01", "-0", "1.5", "1e3", "1234567890123456", "-")),
                feature("integer bounds", "{\"type\":\"integer\",\"minimum\":-5,\"maximum\":120}",
                        List.of("-5", "0", "7", "99", "120"), List.of("-6", "121", "200", "-10", "1000")),
                feature("number", "{\"type\":\"number\"}", List.of("0", "-0.5", "3.25e-3", "1E+12", "7"),
                        List.of(".5", "1.", "1e", "--1", "1.2.3")),
                feature("boolean and null", "{\"type\":[\"boolean\",\"null\"]}", List.of("true", "false", "null"),
                        List.of("True", "nul", "0")),
                feature("enum", "{\"enum\":[\"celsius\",\"fahrenheit\",1,null,{\"a\":[1]}]}",
                        List.of("\"celsius\"", "\"fahrenheit\"", "1", "null", "{\"a\":[1]}"),
                        List.of("\"kelvin\"", "2", "\"celsius", "{\"a\": [1]}")),
                feature("const", "{\"const\":\"fixed\"}", List.of("\"fixed\""), List.of("\"fixe\"", "\"fixedd\"")),
                feature("object", """
                        {"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}},
                         "required":["a"],"additionalProperties":false}""",
                        List.of("{\"a\":1}", "{\"b\":\"x\",\"a\":2}", "{ \"a\" : 1 , \"b\" : \"\" }",
                                "{\n  \"a\": 1\n}"),
                        List.of("{}", "{\"b\":\"x\"}", "{\"a\":1,\"a\":2}", "{\"a\":1,\"c\":3}", "{\"a\":\"1\"}",
                                "{\"a\":1,}")),
                feature("additional properties", """
                        {"type":"object","properties":{"a":{"type":"integer"}},
                         "additionalProperties":{"type":"boolean"}}""",
                        List.of("{}", "{\"x\":true,\"a\":3}", "{\"ab\":false}"),
                        List.of("{\"x\":1}", "{\"a\":true}")),
                feature("open object", "{\"type\":\"object\"}", List.of("{}", "{\"k\":[1,{\"z\":null}],\"n\":\"v\"}"),
                        List.of("[]", "{\"k\"}", "{k:1}")),
                feature("array", "{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"minItems\":1,\"maxItems\":3}",
                        List.of("[1]", "[1,2,3]", "[ 1 , 2 ]"), List.of("[]", "[1,2,3,4]", "[1,]", "[\"1\"]")),
                feature("anyOf", "{\"anyOf\":[{\"type\":\"integer\"},{\"type\":\"string\",\"maxLength\":1}]}",
                        List.of("5", "\"x\""), List.of("\"xy\"", "true")),
                feature("oneOf", "{\"oneOf\":[{\"const\":1},{\"const\":12}]}", List.of("1", "12"), List.of("2", "121")),
                feature("ref to defs", """
                        {"type":"object","properties":{"p":{"$ref":"#/$defs/point"}},"required":["p"],
                         "$defs":{"point":{"type":"array","items":{"type":"number"},"maxItems":2}}}""",
                        List.of("{\"p\":[1,2.5]}"), List.of("{\"p\":[1,2,3]}", "{\"p\":{}}")),
                feature("recursive ref", """
                        {"$defs":{"node":{"type":"object","properties":{"v":{"type":"integer"},
                         "next":{"anyOf":[{"$ref":"#/$defs/node"},{"type":"null"}]}},
                         "required":["v","next"],"additionalProperties":false}},"$ref":"#/$defs/node"}""",
                        List.of("{\"v\":1,\"next\":null}", "{\"v\":1,\"next\":{\"v\":2,\"next\":null}}"),
                        List.of("{\"v\":1}", "{\"v\":1,\"next\":{\"v\":2}}")),
                feature("bounded whitespace", "{\"type\":\"array\"}", List.of("[ ]", "[\n\t\t1]", " [1]"),
                        List.of("[  1]", "[\n\n1]", "[\n" + " ".repeat(21) + "1]", "[1] ")));
    }

    private static Arguments feature(String name, String schema, List<String> valid, List<String> invalid) {
        return Arguments.of(name, schema, valid, invalid);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("features")
    void acceptsValidAndRefusesInvalidDocuments(String name, String schema, List<String> valid, List<String> invalid)
            throws Exception {
        JsonSchemaGrammar grammar = JsonSchemaGrammar.compile(JSON.readTree(schema));
        for (String text : valid) {
            assertEquals(true, accepts(grammar, text), name + " should accept " + text);
        }
        for (String text : invalid) {
            assertEquals(false, accepts(grammar, text), name + " should refuse " + text);
        }
    }

    static Stream<Arguments> unsupported() {
        return Stream.of(
                Arguments.of("{\"type\":\"string\",\"pattern\":\"^a\"}", "unsupported JSON Schema keyword 'pattern' at #"),
                Arguments.of("{\"type\":\"object\",\"properties\":{\"d\":{\"type\":\"string\",\"format\":\"date\"}}}",
                        "unsupported JSON Schema keyword 'format' at #/properties/d"),
                Arguments.of("{\"allOf\":[{\"type\":\"string\"}]}", "unsupported JSON Schema keyword 'allOf' at #"),
                Arguments.of("{\"type\":\"array\",\"uniqueItems\":true}",
                        "unsupported JSON Schema keyword 'uniqueItems' at #"),
                Arguments.of("{\"type\":\"number\",\"minimum\":0}", "'minimum' is supported only with type integer at #"),
                Arguments.of("{\"type\":\"string\",\"anyOf\":[{\"maxLength\":1}]}",
                        "keyword 'type' beside 'anyOf' is not supported at #"),
                Arguments.of("{\"$ref\":\"#/$defs/missing\"}", "$ref target does not exist at #/$defs/missing"),
                Arguments.of("{\"$defs\":{\"a\":{\"anyOf\":[{\"$ref\":\"#/$defs/a\"},{\"type\":\"null\"}]}},"
                        + "\"$ref\":\"#/$defs/a\"}", "$ref cycle that never writes a value at #/$defs/a"),
                Arguments.of("{\"enum\":[]}", "no value of 'enum'/'const' matches 'type' at #"),
                Arguments.of("{\"type\":\"object\",\"required\":[\"x\"],\"additionalProperties\":false}",
                        "required property 'x' is not in 'properties' and additionalProperties is false at #"),
                Arguments.of("{\"type\":\"array\",\"minItems\":3,\"maxItems\":2}", "minItems 3 exceeds maxItems 2 at #"),
                Arguments.of("false", "schema false accepts no value at #"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unsupported")
    void unsupportedOrImpossibleSchemasNameTheKeywordAndPlace(String schema, String message) throws Exception {
        JsonNode node = JSON.readTree(schema);
        SchemaGrammarException e = assertThrows(SchemaGrammarException.class, () -> JsonSchemaGrammar.compile(node));
        assertEquals(message, e.getMessage());
    }

    @Test
    void ignoredKeywordsActAsAnnotations() throws Exception {
        JsonNode schema = JSON.readTree("{\"type\":\"string\",\"format\":\"date\",\"pattern\":\"^x\"}");
        JsonSchemaGrammar grammar = JsonSchemaGrammar.compile(schema, java.util.Set.of("format", "pattern"));
        assertEquals(true, accepts(grammar, "\"anything\""));
    }

    /** Whether the automaton reads {@code text} in full and may stop after it. */
    static boolean accepts(JsonSchemaGrammar grammar, String text) {
        List<Stack> stacks = Stacks.advance(grammar.start(), text.getBytes(StandardCharsets.UTF_8));
        return !stacks.isEmpty() && Stacks.accepting(stacks);
    }
}
