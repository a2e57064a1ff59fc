package io.lariat.prompts.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One tool call read from model output, or held in the conversation history.
 *
 * <p>Every call has a name and a JSON object of arguments; the variant records the syntax the model used, which
 * matters only for diagnostics and for re-rendering history. Implementations are immutable records; the argument
 * node they return is a copy, so callers may modify it freely.
 */
public sealed interface ToolCall permits BuiltinToolCall, CodeInterpreterCall, CustomToolCall {

    /** The tool name as the model wrote it (for raw code: {@code code_interpreter}). */
    String name();

    /** The arguments as a JSON object (for raw code: {@code {"code": "..."}}); a fresh copy on each call. */
    ObjectNode arguments();

    /** The syntax the call was written in. */
    ToolCallFormat format();

    /**
     * A call to the named tool with the given arguments, as an API client supplies it (OpenAI-style
     * {@code tool_calls}); the renderer picks the syntax from the tool configuration.
     */
    static ToolCall of(String name, ObjectNode arguments) {
        return new CustomToolCall(name, arguments, ToolCallFormat.JSON);
    }
}
