package io.lariat.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ToolMethodTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Unit { CELSIUS, FAHRENHEIT }

    public static class BadDefault {
        @Tool("Forecast")
        public String forecast(@ToolParam(value = "Days", defaultValue = "ten") int days) {
            return "";
        }
    }

    public static class BadEnumDefault {
        @Tool("Forecast")
        public String forecast(@ToolParam(defaultValue = "KELVIN") Unit unit) {
            return "";
        }
    }

    public static class UnsupportedParameter {
        @Tool("Takes anything")
        public String take(Object anything) {
            return "";
        }
    }

    public static class OptionalPrimitive {
        @Tool("Counts")
        public String count(@ToolParam(required = false) int n) {
            return "";
        }
    }

    public static class BadName {
        @Tool(value = "Bad", name = "has space")
        public String bad() {
            return "";
        }
    }

    public static class NoDescription {
        @Tool(" ")
        public String quiet() {
            return "";
        }
    }

    public static class ReservedName {
        @Tool(value = "Pretends", name = "brave_search")
        public String search(String query) {
            return "";
        }
    }

    public static class BadTimeout {
        @Tool(value = "Slow", timeout = "soon")
        public String slow() {
            return "";
        }
    }

    public static class StreamResult {
        @Tool("Streams")
        public Stream<String> stream() {
            return Stream.empty();
        }
    }

    public static class TwoContexts {
        @Tool("Greedy")
        public String greedy(ToolContext a, ToolContext b) {
            return "";
        }
    }

    public static class NoTools {
        public String plain() {
            return "";
        }
    }

    static Stream<Arguments> brokenDefinitions() {
        return Stream.of(
                Arguments.of(new BadDefault(), "BadDefault#forecast: parameter 'days' has invalid default \"ten\": "
                        + "expected an integer, got \"ten\""),
                Arguments.of(new BadEnumDefault(), "BadEnumDefault#forecast: parameter 'unit' has invalid default "
                        + "\"KELVIN\": expected one of CELSIUS, FAHRENHEIT, got \"KELVIN\""),
                Arguments.of(new UnsupportedParameter(), "UnsupportedParameter#take: parameter 'anything' has "
                        + "Object: unsupported type java.lang.Object (use a scalar, enum, collection, "
                        + "Map<String, T>, record or POJO)"),
                Arguments.of(new OptionalPrimitive(), "OptionalPrimitive#count: optional primitive parameter 'n' "
                        + "needs a defaultValue (or use the boxed type)"),
                Arguments.of(new BadName(), "BadName#bad: tool name 'has space' must be 1 to 64 letters, digits, "
                        + "'_' or '-'"),
                Arguments.of(new NoDescription(), "NoDescription#quiet: tool 'quiet' needs a description "
                        + "(@Tool value)"),
                Arguments.of(new ReservedName(), "ReservedName#search: tool name 'brave_search' is reserved for a "
                        + "built-in tool; register it with builtin(...)"),
                Arguments.of(new BadTimeout(), "BadTimeout#slow: timeout 'soon' is not a duration such as 500ms, "
                        + "10s, 2m or PT30S"),
                Arguments.of(new StreamResult(), "StreamResult#stream: return type Stream is unsupported; return "
                        + "a value, void, Uni or CompletionStage"),
                Arguments.of(new TwoContexts(), "TwoContexts#greedy: at most one ToolContext parameter is allowed"),
                Arguments.of(new NoTools(), "io.lariat.tools.ToolMethodTest$NoTools: has no @Tool methods"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("brokenDefinitions")
    void brokenDefinitionFailsNamingMethodAndRule(Object tools, String message) {
        ToolDefinitionException e = assertThrows(ToolDefinitionException.class,
                () -> ToolRegistry.builder().tools(tools).build());
        assertEquals(message, e.getMessage());
    }

    public static class Defaults {
        @Tool(value = "Forecast", timeout = "1500ms")
        public String forecast(@ToolParam(defaultValue = "celsius") Unit unit,
                               @ToolParam(defaultValue = "3") int days,
                               @ToolParam(defaultValue = "[\"rain\", \"wind\"]") List<String> include,
                               Optional<String> region,
                               @ToolParam(required = false) Integer limit) {
            return unit + " " + days + " " + include + " " + region.orElse("-") + " " + limit;
        }
    }

    @Test
    void defaultsAreCanonicalInSchemaAndAppliedWhenMissing() throws Exception {
        ToolRegistry registry = ToolRegistry.builder().tools(new Defaults()).build();
        ToolDefinition definition = registry.definition("forecast").orElseThrow();
        assertEquals(JSON.readTree("""
                {"type":"object","properties":{
                  "unit":{"type":"string","enum":["CELSIUS","FAHRENHEIT"],"default":"CELSIUS"},
                  "days":{"type":"integer","default":3},
                  "include":{"type":"array","items":{"type":"string"},"default":["rain","wind"]},
                  "region":{"type":"string"},
                  "limit":{"type":"integer"}},
                 "required":[]}"""), definition.parametersSchema());
        ToolResult result = registry.invoke("forecast", JSON.readTree("{}"), ToolContext.standalone())
                .await().atMost(Duration.ofSeconds(5));
        assertEquals("CELSIUS 3 [rain, wind] - null", result.content());
    }

    @Test
    void missingAndUnknownArgumentsAreErrorResults() throws Exception {
        ToolRegistry registry = ToolRegistry.builder().tools(new Echo()).build();
        assertEquals(ToolResult.error("$.text: required argument is missing"),
                registry.invoke("echo", JSON.readTree("{}"), ToolContext.standalone()).await().indefinitely());
        assertEquals(ToolResult.error("$.txt: unknown argument; expected one of text"),
                registry.invoke("echo", JSON.readTree("{\"txt\": 1}"), ToolContext.standalone())
                        .await().indefinitely());
        assertEquals(ToolResult.error("$: expected an object of arguments, got array"),
                registry.invoke("echo", JSON.readTree("[1]"), ToolContext.standalone()).await().indefinitely());
        assertEquals(ToolResult.error("$: expected an object of arguments, got string"),
                registry.invoke("echo", JSON.readTree("\"hi\""), ToolContext.standalone()).await().indefinitely());
        assertEquals("quoted", registry.invoke("echo", JSON.readTree("\"{\\\"text\\\": \\\"quoted\\\"}\""),
                ToolContext.standalone()).await().indefinitely().content());
    }

    public static class Echo {
        @Tool("Echoes")
        public String echo(String text) {
            return text;
        }
    }

    @Test
    void snakeCaseHandlesAcronymsAndDigits() {
        assertEquals(List.of("current_temperature", "get_http_status", "parse_json", "to_utf8_bytes", "x"),
                Stream.of("currentTemperature", "getHTTPStatus", "parseJSON", "toUtf8Bytes", "x")
                        .map(ToolMethods::snakeCase).toList());
    }
}
