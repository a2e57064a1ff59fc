package io.lariat.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * A tool definition as the prompt needs it: name, description and the JSON Schema of its parameters.
 *
 * <p>The agent runtime maps its tool registry onto this record; prompts never depends on the tools module.
 * The schema node is not copied: callers must not mutate it after construction.
 *
 * @param name        the tool name the model calls, never null
 * @param description what the tool does, or null
 * @param parameters  a JSON Schema object ({@code {"type": "object", "properties": ..., "required": [...]}}), never null
 */
public record ToolSpec(String name, String description, JsonNode parameters) {

    /** Checks the required parts. */
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameters, "parameters");
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
