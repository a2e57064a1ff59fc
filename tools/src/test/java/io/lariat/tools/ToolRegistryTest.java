package io.lariat.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Unit { CELSIUS, FAHRENHEIT }

    record Temperature(String location, double value, Unit unit) {
    }

    public static class WeatherTools {
        String lastThread;

        @Tool("Current temperature at a location")
        public Temperature currentTemperature(@ToolParam("City and country, e.g. \"Paris, France\"") String location,
                                              @ToolParam(value = "Unit", defaultValue = "CELSIUS") Unit unit) {
            lastThread = Thread.currentThread().isVirtual() ? "virtual" : "platform";
            return new Temperature(location, unit == Unit.CELSIUS ? 21.5 : 70.7, unit);
        }

        @Tool(value = "Says hello", name = "greet")
        public String hello(String name, ToolContext context) {
            return "Hello, " + name + " from " + context.sessionId();
        }

        @Tool("Does nothing")
        public void noOp() {
        }

        @Tool("Adds asynchronously")
        public Uni<Integer> addLater(int a, int b) {
            return Uni.createFrom().item(a + b);
        }

        @Tool("Multiplies asynchronously")
        public CompletionStage<Long> multiplyLater(long a, long b) {
            return CompletableFuture.supplyAsync(() -> a * b);
        }
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static ToolResult call(ToolRegistry registry, String name, String args) throws Exception {
        try (ToolContext context = new ToolContext("s1")) {
            return registry.invoke(name, json(args), context).await().atMost(Duration.ofSeconds(10));
        }
    }

    @Test
    void definitionsUseSnakeCaseNamesAndSchemas() throws Exception {
        ToolRegistry registry = ToolRegistry.builder().tools(new WeatherTools()).build();
        assertEquals(List.of("add_later", "current_temperature", "greet", "multiply_later", "no_op"),
                registry.definitions().stream().map(ToolDefinition::name).toList());
        ToolDefinition weather = registry.definition("current_temperature").orElseThrow();
        assertEquals("Current temperature at a location", weather.description());
        assertFalse(weather.builtin());
        assertEquals(json("""
                {"type":"object","properties":{
                  "location":{"type":"string","description":"City and country, e.g. \\"Paris, France\\""},
                  "unit":{"type":"string","enum":["CELSIUS","FAHRENHEIT"],"description":"Unit","default":"CELSIUS"}},
                 "required":["location"]}"""), weather.parametersSchema());
        assertEquals(json("""
                {"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}"""),
                registry.definition("greet").orElseThrow().parametersSchema());
    }

    @Test
    void recordResultIsPythonJsonAndBlockingToolRunsOnVirtualThread() throws Exception {
        WeatherTools tools = new WeatherTools();
        ToolRegistry registry = ToolRegistry.builder().tools(tools).build();
        ToolResult result = call(registry, "current_temperature", "{\"location\":\"Paris, France\"}");
        assertEquals(new ToolResult("{\"location\": \"Paris, France\", \"value\": 21.5, \"unit\": \"CELSIUS\"}",
                false, result.elapsed()), result);
        assertEquals("virtual", tools.lastThread);
    }

    @Test
    void stringVoidUniAndStageResults() throws Exception {
        ToolRegistry registry = ToolRegistry.builder().tools(new WeatherTools()).build();
        assertEquals("Hello, Ada from s1", call(registry, "greet", "{\"name\":\"Ada\"}").content());
        assertEquals("completed", call(registry, "no_op", "{}").content());
        assertEquals("5", call(registry, "add_later", "{\"a\":2,\"b\":\"3\"}").content());
        assertEquals("42", call(registry, "multiply_later", "{\"a\":6,\"b\":7}").content());
    }

    @Test
    void badArgumentBecomesErrorResultWithJsonPath() throws Exception {
        ToolRegistry registry = ToolRegistry.builder().tools(new WeatherTools()).build();
        ToolResult result = call(registry, "current_temperature", "{\"location\":\"Oslo\",\"unit\":\"kelvin\"}");
        assertTrue(result.error());
        assertEquals("$.unit: expected one of CELSIUS, FAHRENHEIT, got \"kelvin\"", result.content());
        assertEquals("failed\n[stderr]$.unit: expected one of CELSIUS, FAHRENHEIT, got \"kelvin\"[/stderr]",
                result.modelText());
    }

    @Test
    void unknownToolIsErrorResult() throws Exception {
        ToolRegistry registry = ToolRegistry.builder().tools(new WeatherTools()).build();
        assertEquals(ToolResult.error("unknown tool 'foo'; available tools: add_later, current_temperature, greet, "
                + "multiply_later, no_op"), call(registry, "foo", "{}"));
    }

    public static class Duplicate {
        @Tool(value = "One", name = "greet")
        public String one() {
            return "1";
        }
    }

    @Test
    void duplicateNamesFailAtBuild() {
        ToolDefinitionException e = assertThrows(ToolDefinitionException.class,
                () -> ToolRegistry.builder().tools(new WeatherTools(), new Duplicate()).build());
        assertEquals("Duplicate#one: duplicate tool name 'greet' (also declared by WeatherTools#hello)",
                e.getMessage());
    }

    @Test
    void jsonTextArgumentsAndJsonViewsForTheCli() throws Exception {
        ToolRegistry registry = ToolRegistry.builder().tools(new WeatherTools()).build();
        ToolResult ok = registry.invokeJson("greet", "{\"name\": \"Bo\"}", new ToolContext("cli"))
                .await().atMost(Duration.ofSeconds(5));
        assertEquals("{\"content\":\"Hello, Bo from cli\",\"error\":false,\"elapsed_ms\":"
                + ok.elapsed().toMillis() + "}", ok.toJson().toString());
        ToolResult bad = registry.invokeJson("greet", "{name: Bo", ToolContext.standalone())
                .await().atMost(Duration.ofSeconds(5));
        assertEquals(true, bad.error());
        assertEquals("arguments are not valid JSON: Unexpected character ('n' (code 110)): was expecting double-quote "
                + "to start field name", bad.content());
        assertEquals(json("{\"name\":\"greet\",\"description\":\"Says hello\",\"parameters\":{\"type\":\"object\","
                + "\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]},\"builtin\":false}"),
                registry.definition("greet").orElseThrow().toJson());
    }

    public static class OtherGreeter {
        @Tool("Greets again")
        public String greet(String name) {
            return name;
        }
    }

    @Test
    void checkAppliesTheBuildRulesWithoutInstances() {
        assertEquals(List.of("add_later", "current_temperature", "greet", "multiply_later", "no_op"),
                ToolRegistry.check(List.of(WeatherTools.class)).stream().map(ToolDefinition::name).toList());
        ToolDefinitionException e = assertThrows(ToolDefinitionException.class,
                () -> ToolRegistry.check(List.of(WeatherTools.class, OtherGreeter.class)));
        assertEquals("OtherGreeter#greet: duplicate tool name 'greet' (also declared by WeatherTools#hello)",
                e.getMessage());
    }
}
