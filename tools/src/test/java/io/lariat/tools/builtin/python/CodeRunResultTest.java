package io.lariat.tools.builtin.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodeRunResultTest {

    private static final PythonError BOOM = new PythonError("ValueError", "boom",
            List.of("Traceback (most recent call last):", "  File \"<cell 1>\", line 1, in <module>",
                    "    raise ValueError('boom')", "ValueError: boom"));

    private static CodeRunResult result(String stdout, String stderr, String value, PythonError error,
                                        boolean reset) {
        return new CodeRunResult(stdout, stderr, value, error, false, false, false, reset, Duration.ZERO);
    }

    static Stream<Arguments> contents() {
        return Stream.of(
                Arguments.of("nothing printed", result("", "", null, null, false), "completed"),
                Arguments.of("value only", result("", "", "45", null, false), "completed\n[stdout]45[/stdout]"),
                Arguments.of("print then value", result("a\nb\n", "", "3", null, false),
                        "completed\n[stdout]a\nb\n3[/stdout]"),
                Arguments.of("print without newline then value", result("a", "", "3", null, false),
                        "completed\n[stdout]a\n3[/stdout]"),
                Arguments.of("stderr only", result("", "careful\n", null, null, false),
                        "completed\n[stderr]careful[/stderr]"),
                Arguments.of("error after output", result("partial\n", "", null, BOOM, false),
                        "failed\n[stdout]partial[/stdout]\n[stderr]Traceback (most recent call last):\n"
                                + "  File \"<cell 1>\", line 1, in <module>\n    raise ValueError('boom')\n"
                                + "ValueError: boom[/stderr]"),
                Arguments.of("stopped with reset", result("", "", null,
                        new PythonError("TimeoutError", "late", List.of("TimeoutError: late")), true),
                        "failed\n[stderr]TimeoutError: late\n" + CodeRunResult.RESET_NOTE + "[/stderr]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contents")
    void rendersTheSpecCodeResultShape(String what, CodeRunResult result, String content) {
        assertEquals(content, result.toToolContent());
    }
}
