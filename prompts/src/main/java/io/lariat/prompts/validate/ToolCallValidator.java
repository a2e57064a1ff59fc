package io.lariat.prompts.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.parse.BuiltinToolCall;
import io.lariat.prompts.parse.CodeInterpreterCall;
import io.lariat.prompts.parse.CustomToolCall;
import io.lariat.prompts.parse.ToolCall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks parsed tool calls against the declared tools, as the step after parsing (spec §9.2 step 5): the name must be
 * declared, required arguments present, and every argument of the declared JSON Schema type, after coercing what a
 * model commonly writes differently ({@code "10"} for an integer, {@code "true"} for a boolean, 10.0 for an integer,
 * a number for a string). Problems name a JSON path. Supported schema keywords: {@code type} (one or a list),
 * {@code enum}, {@code properties}, {@code required}, {@code additionalProperties: false}, {@code items},
 * {@code anyOf}/{@code oneOf}; others are ignored. Immutable and thread-safe.
 */
public final class ToolCallValidator {

    private final Map<String, ToolSpec> tools = new LinkedHashMap<>();

    /** @param tools the declared tools (builtin ones included, with their own schemas); names must be unique */
    public ToolCallValidator(List<ToolSpec> tools) {
        for (ToolSpec tool : tools) {
            if (this.tools.put(tool.name(), tool) != null) {
                throw new IllegalArgumentException("tool declared twice: " + tool.name());
            }
        }
    }

    /** Validates one call; never throws on model output. */
    public CallValidation validate(ToolCall call) {
        ToolSpec tool = tools.get(call.name());
        if (tool == null) {
            return new CallValidation.Invalid(call, List.of("unknown tool \"" + call.name() + "\"; declared tools: "
                    + String.join(", ", tools.keySet())));
        }
        List<String> problems = new ArrayList<>();
        JsonNode coerced = SchemaCheck.value(call.arguments(), tool.parameters(), "$", problems);
        if (!problems.isEmpty()) {
            return new CallValidation.Invalid(call, problems);
        }
        return new CallValidation.Valid(call, withArguments(call, (ObjectNode) coerced), tool);
    }

    /** Validates several calls in order. */
    public List<CallValidation> validateAll(List<ToolCall> calls) {
        return calls.stream().map(this::validate).toList();
    }

    private static ToolCall withArguments(ToolCall call, ObjectNode arguments) {
        return switch (call) {
            case BuiltinToolCall builtin -> new BuiltinToolCall(builtin.name(), arguments);
            case CodeInterpreterCall code -> arguments.path("code").isTextual()
                    ? new CodeInterpreterCall(arguments.get("code").textValue()) : code;
            case CustomToolCall custom -> new CustomToolCall(custom.name(), arguments, custom.format());
        };
    }
}
