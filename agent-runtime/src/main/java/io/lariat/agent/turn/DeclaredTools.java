package io.lariat.agent.turn;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.parse.ParsedTurn;
import io.lariat.prompts.parse.Stop;
import io.lariat.prompts.parse.ToolCall;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which tools a turn may call. When only declared tools may be called, a turn that calls any other tool returns no
 * call at all: its whole text is the answer (a client must never receive a call to a tool it did not offer).
 * Immutable.
 */
final class DeclaredTools {
    private final Set<String> names;

    private DeclaredTools(Set<String> names) {
        this.names = names;
    }

    /** The rule {@code input}'s options ask for. */
    static DeclaredTools of(TurnInput input) {
        return new DeclaredTools(input.options().declaredToolsOnly()
                ? input.tools().stream().map(ToolSpec::name).collect(Collectors.toUnmodifiableSet()) : null);
    }

    /** The name of the first call to a tool that may not be called, or null. */
    String firstUndeclared(ParsedTurn turn) {
        if (names == null) {
            return null;
        }
        return turn.calls().stream().map(ToolCall::name).filter(n -> !names.contains(n)).findFirst().orElse(null);
    }

    /** The problem reported for a turn returned as text because it called {@code name}. */
    static String problem(String name) {
        return "call to undeclared tool '" + name + "' returned as text";
    }

    /**
     * A turn of a backend that returns calls as data: the text is content as it came; calls to undeclared tools
     * turn the calls into text after it, as Llama 3.1 JSON calls.
     */
    ParsedTurn structured(String text, List<ToolCall> calls, Stop stop) {
        ParsedTurn turn = new ParsedTurn(text.isBlank() ? null : text, calls, stop, List.of());
        String undeclared = firstUndeclared(turn);
        if (undeclared == null) {
            return turn;
        }
        List<String> parts = new ArrayList<>();
        if (!text.isBlank()) {
            parts.add(text);
        }
        for (ToolCall call : calls) {
            ObjectNode json = JsonNodeFactory.instance.objectNode().put("name", call.name());
            json.set("parameters", call.arguments());
            parts.add(json.toString());
        }
        return new ParsedTurn(String.join("\n", parts), List.of(), stop, List.of(problem(undeclared)));
    }
}
