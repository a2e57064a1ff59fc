package io.lariat.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One request to run a tool: its name, the arguments the model gave, and the session's tool context.
 *
 * @param name tool name as the model wrote it
 * @param arguments the arguments object (a JSON object; null or a non-object becomes an error result)
 * @param context the calling session's tool context
 */
public record ToolInvocation(String name, JsonNode arguments, ToolContext context) {

    /** Checks that name and context are present. */
    public ToolInvocation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(context, "context");
    }
}
