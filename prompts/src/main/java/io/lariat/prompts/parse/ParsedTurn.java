package io.lariat.prompts.parse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One assistant generation read into content, tool calls and stop reason (spec §9.1).
 *
 * <p>Malformed or truncated calls are not calls: their text stays in {@code content} and {@code problems} says why,
 * in words the agent can report back to the model. Immutable.
 *
 * @param content  the text outside calls, trimmed, without special-token names; null when empty
 * @param calls    the calls in order, never null
 * @param stop     how the generation ended
 * @param problems why text that looked like a call was not taken as one; never null, usually empty
 */
public record ParsedTurn(String content, List<ToolCall> calls, Stop stop, List<String> problems) {

    /** Copies the lists. */
    public ParsedTurn {
        calls = List.copyOf(calls);
        problems = List.copyOf(problems);
    }

    /** The syntax of the calls, or {@link ToolCallFormat#NONE} when there are none. */
    public ToolCallFormat format() {
        return calls.isEmpty() ? ToolCallFormat.NONE : calls.getFirst().format();
    }

    /** Whether the turn holds at least one call to execute. */
    public boolean hasCalls() {
        return !calls.isEmpty();
    }

    /**
     * The turn in the shape {@code {"tool_calls": [{"name": ..., "arguments": {...}}], "content": ... or null,
     * "stop": "eom" | "eot" | "length"}} used by the test vectors and the {@code parse} command.
     */
    public ObjectNode toJson() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ArrayNode toolCalls = json.arrayNode();
        for (ToolCall call : calls) {
            ObjectNode entry = toolCalls.addObject();
            entry.put("name", call.name());
            entry.set("arguments", call.arguments());
        }
        ObjectNode out = json.objectNode();
        out.set("tool_calls", toolCalls);
        out.put("content", content);
        out.put("stop", stop.wireName());
        return out;
    }
}
