package io.lariat.cli;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.agent.config.ToolSources;
import io.lariat.examples.demo.ConciergeTools;
import io.lariat.tools.BuiltinTools;
import io.lariat.tools.builtin.calculator.CalculatorTool;
import io.lariat.examples.researcher.BriefSearch;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The examples application starts, serves the API, and gives configured agents the example tools. */
@QuarkusTest
class ServerBeansTest {
    @Inject
    ToolSources tools;

    @Test
    void theServerAnswers() {
        given().get("/api/version").then().statusCode(200).body("version", is("0.1.0"));
    }

    @Test
    void configuredAgentsFindTheBuiltinsAndTheConciergeTools() {
        assertTrue(tools.builtins().apply(BuiltinTools.CALCULATOR) instanceof CalculatorTool);
        assertTrue(tools.builtins().apply(BuiltinTools.SEARCH) instanceof BriefSearch);
        assertTrue(tools.customTools().get("ConciergeTools") instanceof ConciergeTools);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tools.builtins().apply("photo_booth"));
        assertEquals("unknown built-in tool 'photo_booth'", e.getMessage());
    }
}
