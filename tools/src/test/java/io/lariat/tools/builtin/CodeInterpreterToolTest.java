package io.lariat.tools.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lariat.tools.BuiltinTools;
import io.lariat.tools.ToolContext;
import io.lariat.tools.ToolRegistry;
import io.lariat.tools.ToolResult;
import io.lariat.tools.builtin.python.CodeInterpreter;
import io.lariat.tools.builtin.python.PythonLimits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CodeInterpreterToolTest {

    private static CodeInterpreter interpreter;
    private static ToolRegistry registry;

    @BeforeAll
    static void start() {
        // one worker in all and no preloaded modules: this test checks the wiring, not start-up speed
        interpreter = CodeInterpreter.builder().limits(PythonLimits.defaults()).warmWorkers(1).maxWorkers(1)
                .preloadedModules(List.of()).build();
        registry = ToolRegistry.builder().builtin(new CodeInterpreterTool(interpreter)).build();
    }

    @AfterAll
    static void stop() {
        interpreter.close();
    }

    private static ToolResult run(ToolContext context, String code) {
        return registry.invoke(BuiltinTools.CODE_INTERPRETER,
                JsonNodeFactory.instance.objectNode().put("code", code), context)
                .await().atMost(Duration.ofMinutes(3));
    }

    @Test
    void stateLivesWithTheSessionAndDiesWithIt() {
        try (ToolContext session = new ToolContext("a")) {
            assertEquals("completed", run(session, "x = 21").content());
            assertEquals("completed\n[stdout]42[/stdout]", run(session, "x * 2").content());
            assertEquals("completed\n[stdout]hi\n42[/stdout]", run(session, "print('hi')\nx * 2").content());
        }
        try (ToolContext other = new ToolContext("b")) {
            ToolResult result = run(other, "x");
            assertTrue(result.error(), result::toString);
            assertTrue(result.content().startsWith("failed\n[stderr]"), result.content());
            assertTrue(result.content().contains("NameError"), result.content());
        }
    }

    @Test
    void aPythonExceptionIsAnErrorResultCarryingItsTracebackAndOutput() {
        try (ToolContext session = new ToolContext("c")) {
            ToolResult result = run(session, "print('before')\n1 / 0");
            assertTrue(result.error(), result::toString);
            assertEquals("failed\n[stdout]before[/stdout]\n[stderr]Traceback (most recent call last):\n"
                    + "  File \"<cell 1>\", line 2, in <module>\n    1 / 0\n"
                    + "ZeroDivisionError: division by zero[/stderr]", result.content());
            assertEquals(result.content(), result.modelText());
            assertFalse(run(session, "2 + 2").error());
        }
    }

    @Test
    void noFreeWorkerIsAToolErrorNamingTheSetting() {
        try (ToolContext holder = new ToolContext("d"); ToolContext other = new ToolContext("e")) {
            assertEquals("completed", run(holder, "x = 1").content());
            ToolResult result = run(other, "1");
            assertTrue(result.error(), result::toString);
            assertEquals("tool 'code_interpreter': no Python worker is free: all 1 allowed"
                    + " (lariat.python.max-workers) are in use by other sessions; try again when one ends",
                    result.content());
        }
    }
}
