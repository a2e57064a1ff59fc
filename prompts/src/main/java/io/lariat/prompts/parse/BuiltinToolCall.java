package io.lariat.prompts.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * A call in the builtin syntax {@code <|python_tag|>NAME.call(k=v, ...)}, e.g. {@code brave_search.call(query="...")}.
 *
 * @param name      the tool name before {@code .call}
 * @param arguments the keyword arguments as JSON (copied in and out)
 */
public record BuiltinToolCall(String name, ObjectNode arguments) implements ToolCall {

    /** Copies the arguments. */
    public BuiltinToolCall {
        Objects.requireNonNull(name, "name");
        arguments = Objects.requireNonNull(arguments, "arguments").deepCopy();
    }

    @Override
    public ObjectNode arguments() {
        return arguments.deepCopy();
    }

    @Override
    public ToolCallFormat format() {
        return ToolCallFormat.BUILTIN;
    }
}
