package io.lariat.prompts.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * A call of a user-defined tool, written as JSON, as a function tag or in a pythonic list.
 *
 * @param name      the tool name
 * @param arguments the arguments as JSON (copied in and out)
 * @param format    {@link ToolCallFormat#JSON}, {@link ToolCallFormat#FUNCTION_TAG} or {@link ToolCallFormat#PYTHON_LIST}
 */
public record CustomToolCall(String name, ObjectNode arguments, ToolCallFormat format) implements ToolCall {

    /** Copies the arguments and checks the format is a custom-tool syntax. */
    public CustomToolCall {
        Objects.requireNonNull(name, "name");
        arguments = Objects.requireNonNull(arguments, "arguments").deepCopy();
        if (format != ToolCallFormat.JSON && format != ToolCallFormat.FUNCTION_TAG
                && format != ToolCallFormat.PYTHON_LIST) {
            throw new IllegalArgumentException("not a custom-tool format: " + format);
        }
    }

    @Override
    public ObjectNode arguments() {
        return arguments.deepCopy();
    }
}
