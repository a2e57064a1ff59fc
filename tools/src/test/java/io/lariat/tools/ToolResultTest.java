package io.lariat.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ToolResultTest {

    static Stream<Arguments> modelTexts() {
        return Stream.of(
                Arguments.of("success passes through", ToolResult.success("42"), "42"),
                Arguments.of("an error message is wrapped", ToolResult.error("$.x: required"),
                        "failed\n[stderr]$.x: required[/stderr]"),
                Arguments.of("a failed code result is given as is",
                        ToolResult.error("failed\n[stdout]hi[/stdout]\n[stderr]ValueError: v[/stderr]"),
                        "failed\n[stdout]hi[/stdout]\n[stderr]ValueError: v[/stderr]"),
                Arguments.of("a failed code result with only stderr is given as is",
                        ToolResult.error("failed\n[stderr]NameError: x[/stderr]"),
                        "failed\n[stderr]NameError: x[/stderr]"),
                Arguments.of("a message that merely starts with the word is wrapped",
                        ToolResult.error("failed to connect"), "failed\n[stderr]failed to connect[/stderr]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelTexts")
    void modelTextHasTheCodeResultShape(String name, ToolResult result, String expected) {
        assertEquals(expected, result.modelText());
    }
}
