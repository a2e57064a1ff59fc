package io.lariat.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A tool as the model and the APIs see it: name, description and the JSON Schema of its arguments.
 *
 * <p>The schema object is shared: callers must treat it as read-only (copy with {@code deepCopy()} to change it).
 *
 * @param name the tool name, unique within a registry
 * @param description what the tool does
 * @param parametersSchema JSON Schema of the arguments object ({@code "type": "object"})
 * @param builtin whether this is one of Llama 3.1's built-in tools ({@link BuiltinTools}), which the prompt
 *                enables by name instead of listing a schema
 */
public record ToolDefinition(String name, String description, ObjectNode parametersSchema, boolean builtin) {

    /** Checks that no component is null. */
    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parametersSchema, "parametersSchema");
    }

    /** This definition as JSON: {@code {"name", "description", "parameters", "builtin"}} (for listings and the CLI). */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("description", description);
        json.set("parameters", parametersSchema.deepCopy());
        json.put("builtin", builtin);
        return json;
    }
}
