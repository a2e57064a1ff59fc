package io.lariat.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool definition as the prompt needs it: name, description and the JSON Schema of its parameters.
 *
 * <p>The agent runtime maps its tool registry onto this record; prompts never depends on the tools module.
 * The schema node is not copied: callers must not mutate it after construction.
 *
 * @param name        the tool name the model calls: matches {@link #NAME}, so it is plain text in any prompt
 * @param description what the tool does, or null
 * @param parameters  a JSON Schema object ({@code {"type": "object", "properties": ..., "required": [...]}}), never null
 */
public record ToolSpec(String name, String description, JsonNode parameters) {

    /**
     * What a tool name may be (OpenAI's rule): 1 to 64 letters, digits, {@code _} or {@code -}. A name is rendered
     * into prompts and forced call openers, so nothing else (no {@code <|...|>}, quotes or line breaks) may enter.
     */
    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    /**
     * Checks the required parts and the name.
     *
     * @throws IllegalArgumentException when the name does not match {@link #NAME}
     */
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
        String problem = nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why {@code name} is not a valid tool name, or null when it is. */
    public static String nameProblem(String name) {
        return NAME.matcher(name).matches() ? null
                : "tool name '" + name + "' must be 1 to 64 letters, digits, '_' or '-'";
    }

    /**
     * The OpenAI-style tool object {@code {"type": "function", "function": {name, description, parameters}}} that the
     * HF templates print; the description is left out when null.
     */
    public ObjectNode toOpenAiJson() {
        ObjectNode function = JsonNodeFactory.instance.objectNode();
        function.put("name", name);
        if (description != null) {
            function.put("description", description);
        }
        function.set("parameters", parameters);
        ObjectNode tool = JsonNodeFactory.instance.objectNode();
        tool.put("type", "function");
        tool.set("function", function);
        return tool;
    }
}
