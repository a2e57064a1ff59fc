package io.lariat.tools.builtin.calculator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lariat.tools.BuiltinTools;
import io.lariat.tools.ToolContext;
import io.lariat.tools.ToolDefinition;
import io.lariat.tools.ToolRegistry;
import io.lariat.tools.ToolResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CalculatorToolTest {

    private final ToolRegistry registry = ToolRegistry.builder().builtin(new CalculatorTool()).build();

    private ToolResult ask(String query) {
        return registry.invoke(BuiltinTools.CALCULATOR, JsonNodeFactory.instance.objectNode().put("query", query),
                ToolContext.standalone()).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void registersAsBuiltinWolframAlpha() {
        ToolDefinition definition = registry.definitions().getFirst();
        assertEquals("wolfram_alpha", definition.name());
        assertEquals(true, definition.builtin());
        assertEquals("{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\",\"description\":"
                + "\"The calculation, as an expression or in words\"}},\"required\":[\"query\"]}",
                definition.parametersSchema().toString());
    }

    @Test
    void answersAsPythonJson() {
        ToolResult result = ask("what is 0.1 + 0.2?");
        assertEquals("{\"query\": \"what is 0.1 + 0.2?\", \"input\": \"0.1 + 0.2\", \"result\": \"0.3\", "
                + "\"exact\": true}", result.content());
        assertEquals(false, result.error());
    }

    @Test
    void refusalIsErrorResultWithReason() {
        ToolResult result = ask("1/0");
        assertEquals(ToolResult.error("tool 'wolfram_alpha': cannot evaluate: division by zero").content(),
                result.content());
        assertEquals(true, result.error());
    }
}
