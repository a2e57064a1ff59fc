package io.lariat.agent.config;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where configured agents find their tools: custom tool objects by class name, built-ins by tool name.
 *
 * @param customTools tool objects keyed by simple and/or fully qualified class name
 * @param builtins    the implementation object of a built-in tool name (e.g. the tools module's
 *                    {@code Builtins::tool}); throws {@link IllegalArgumentException} for unknown names
 */
public record ToolSources(Map<String, Object> customTools, Function<String, Object> builtins) {

    /** Copies the map. */
    public ToolSources {
        customTools = Map.copyOf(customTools);
        Objects.requireNonNull(builtins, "builtins");
    }

    /** No custom tools, and built-ins from the given lookup. */
    public static ToolSources builtinsOnly(Function<String, Object> builtins) {
        return new ToolSources(Map.of(), builtins);
    }
}
