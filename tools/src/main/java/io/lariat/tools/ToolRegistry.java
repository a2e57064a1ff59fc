package io.lariat.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.tools.binding.JsonBinding;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tools an agent may call: their definitions, and guarded invocation by name.
 *
 * <p>Built once from plain objects (and, through {@code io.lariat.tools.cdi}, CDI beans) carrying {@link Tool}
 * methods; everything is validated in {@link Builder#build()}, which throws {@link ToolDefinitionException}.
 * {@link #invoke} never fails: unknown tools, bad arguments, exceptions, timeouts and refusals all become an error
 * {@link ToolResult}. The returned Uni completes on a tool or timer thread, never running a blocking tool on the
 * subscriber's thread. Immutable and thread-safe.
 */
public final class ToolRegistry {

    private final Map<String, GuardedTool> tools;
    private final ToolOptions options;

    private ToolRegistry(Map<String, GuardedTool> tools, ToolOptions options) {
        this.tools = tools;
        this.options = options;
    }

    /** A builder with {@link ToolOptions#defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every tool's definition, in registration order. */
    public List<ToolDefinition> definitions() {
        return tools.values().stream().map(GuardedTool::definition).toList();
    }

    /** The definition of the named tool, if registered. */
    public Optional<ToolDefinition> definition(String name) {
        return Optional.ofNullable(tools.get(name)).map(GuardedTool::definition);
    }

    /** The limits applied to every call. */
    public ToolOptions options() {
        return options;
    }

    /** Runs one call; see {@link #invoke(String, JsonNode, ToolContext)}. */
    public Uni<ToolResult> invoke(ToolInvocation invocation) {
        return invoke(invocation.name(), invocation.arguments(), invocation.context());
    }

    /**
     * Runs the named tool with the model's arguments under its guard.
     *
     * @param name tool name
     * @param arguments JSON object of arguments (null means none)
     * @param context the calling session's tool context
     * @return the result; the Uni never fails
     */
    public Uni<ToolResult> invoke(String name, JsonNode arguments, ToolContext context) {
        GuardedTool tool = tools.get(name);
        if (tool == null) {
            String known = String.join(", ", tools.keySet());
            return Uni.createFrom().item(ToolResult.error("unknown tool '" + name + "'"
                    + (known.isEmpty() ? "; no tools are registered" : "; available tools: " + known)));
        }
        return tool.invoke(arguments, context);
    }

    /**
     * Runs the named tool with arguments given as JSON text (as typed on a command line); text that is not JSON
     * becomes an error result.
     */
    public Uni<ToolResult> invokeJson(String name, String argumentsJson, ToolContext context) {
        JsonNode arguments;
        try {
            arguments = argumentsJson == null || argumentsJson.isBlank() ? null
                    : JsonBinding.mapper().readTree(argumentsJson);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(ToolResult.error("arguments are not valid JSON: "
                    + e.getOriginalMessage()));
        }
        return invoke(name, arguments, context);
    }

    /**
     * Checks the {@link Tool} methods of classes by the rules {@link Builder#build()} applies, without instances:
     * what a build step runs so that a broken tool fails the build instead of the start.
     *
     * @param types classes whose tools would be registered together (not built-ins), in a stable order
     * @return the definitions, in class then method-name order
     * @throws ToolDefinitionException on the first broken rule
     */
    public static List<ToolDefinition> check(List<Class<?>> types) {
        Map<String, String> origins = new LinkedHashMap<>();
        List<ToolDefinition> definitions = new ArrayList<>();
        for (Class<?> type : types) {
            for (Method method : ToolMethods.find(type)) {
                ToolMethod tool = ToolMethod.of(null, method, false, ToolOptions.defaults().timeout());
                Builder.claimName(origins, tool, method);
                definitions.add(tool.definition());
            }
        }
        return List.copyOf(definitions);
    }

    /** Collects tool objects and options; not thread-safe. */
    public static final class Builder {
        private final List<Source> sources = new ArrayList<>();
        private ToolOptions options = ToolOptions.defaults();

        private Builder() {
        }

        /** Limits for every call. */
        public Builder options(ToolOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /** Adds the {@link Tool} methods of each object (searched on its class and superclasses). */
        public Builder tools(Object... objects) {
            for (Object object : objects) {
                sources.add(new Source(Objects.requireNonNull(object, "tool object"), false));
            }
            return this;
        }

        /** Adds the {@link Tool} methods of each object. */
        public Builder tools(Iterable<?> objects) {
            objects.forEach(this::tools);
            return this;
        }

        /** Adds an object implementing built-in tools; its tool names must be {@link BuiltinTools} names. */
        public Builder builtin(Object object) {
            sources.add(new Source(Objects.requireNonNull(object, "builtin tool object"), true));
            return this;
        }

        /**
         * Validates every tool and builds the registry.
         *
         * @throws ToolDefinitionException on the first broken rule (duplicate names, unsupported types, bad defaults,
         *         objects without tools)
         */
        public ToolRegistry build() {
            Map<String, GuardedTool> tools = new LinkedHashMap<>();
            Map<String, String> origins = new LinkedHashMap<>();
            for (Source source : sources) {
                List<Method> methods = ToolMethods.find(source.object().getClass());
                if (methods.isEmpty()) {
                    throw new ToolDefinitionException(source.object().getClass().getName(),
                            "has no @Tool methods");
                }
                for (Method method : methods) {
                    ToolMethod tool = ToolMethod.of(source.object(), method, source.builtin(), options.timeout());
                    claimName(origins, tool, method);
                    tools.put(tool.definition().name(), new GuardedTool(tool, options));
                }
            }
            return new ToolRegistry(Collections.unmodifiableMap(tools), options);
        }

        private static void claimName(Map<String, String> origins, ToolMethod tool, Method method) {
            String where = method.getDeclaringClass().getSimpleName() + "#" + method.getName();
            String previous = origins.putIfAbsent(tool.definition().name(), where);
            if (previous != null) {
                throw new ToolDefinitionException(where, "duplicate tool name '" + tool.definition().name()
                        + "' (also declared by " + previous + ")");
            }
        }

        private record Source(Object object, boolean builtin) {
        }
    }
}
