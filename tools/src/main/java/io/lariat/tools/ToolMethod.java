package io.lariat.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.tools.binding.ArgumentException;
import io.lariat.tools.binding.JsonBinding;
import io.lariat.tools.binding.RequiredCheck;
import io.lariat.tools.binding.ValueBinder;
import io.lariat.tools.schema.JsonSchemas;
import io.lariat.tools.schema.TypeShapes;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A validated {@link Tool} method bound to its target object: its definition, argument binding and invocation.
 *
 * <p>Immutable and thread-safe as long as the target object is.
 */
final class ToolMethod {

    private final Object target;
    private final Method method;
    private final ToolDefinition definition;
    private final List<ToolParameter> parameters;
    private final int contextIndex;
    private final ReturnKind returnKind;
    private final Duration timeout;
    private final Tool annotation;

    private ToolMethod(Object target, Method method, ToolDefinition definition, List<ToolParameter> parameters,
                       int contextIndex, ReturnKind returnKind, Duration timeout) {
        this.target = target;
        this.method = method;
        this.definition = definition;
        this.parameters = parameters;
        this.contextIndex = contextIndex;
        this.returnKind = returnKind;
        this.timeout = timeout;
        this.annotation = method.getAnnotation(Tool.class);
    }

    /**
     * Validates a method and resolves everything a call needs.
     *
     * @param target the object the tool runs on; null when only checking the declaration
     * @param defaultTimeout the timeout when the annotation gives none
     * @throws ToolDefinitionException naming the method and the broken rule
     */
    static ToolMethod of(Object target, Method method, boolean builtin, Duration defaultTimeout) {
        String where = method.getDeclaringClass().getSimpleName() + "#" + method.getName();
        Tool tool = method.getAnnotation(Tool.class);
        String name = tool.name().isEmpty() ? ToolMethods.snakeCase(method.getName()) : tool.name();
        ToolRules.checkHeader(where, name, tool, builtin);
        checkReachable(where, target, method);
        ParameterResolver resolved = ParameterResolver.resolve(where, method);
        ReturnKind returnKind = ReturnKind.of(where, method.getGenericReturnType());
        Duration timeout = tool.timeout().isEmpty() ? defaultTimeout : ToolRules.parseTimeout(where, tool.timeout());
        Map<String, ObjectNode> properties = new LinkedHashMap<>();
        resolved.parameters().forEach(p -> properties.put(p.name(), p.schema()));
        List<String> required = resolved.parameters().stream().filter(ToolParameter::required)
                .map(ToolParameter::name).toList();
        ToolDefinition definition = new ToolDefinition(name, tool.value().strip(),
                JsonSchemas.objectSchema(properties, required), builtin);
        return new ToolMethod(target, method, definition, resolved.parameters(), resolved.contextIndex(),
                returnKind, timeout);
    }

    private static void checkReachable(String where, Object target, Method method) {
        if (Modifier.isPrivate(method.getModifiers())) {
            throw new ToolDefinitionException(where, "tool methods must not be private");
        }
        if (target != null && !Modifier.isStatic(method.getModifiers())
                && !method.getDeclaringClass().isInstance(target)) {
            throw new ToolDefinitionException(where, "target object is not an instance of the declaring class");
        }
        try {
            method.setAccessible(true);
        } catch (RuntimeException e) {
            throw new ToolDefinitionException(where, "method is not accessible: " + e.getMessage());
        }
    }

    ToolDefinition definition() {
        return definition;
    }

    Tool annotation() {
        return annotation;
    }

    Duration timeout() {
        return timeout;
    }

    ReturnKind returnKind() {
        return returnKind;
    }

    /** Whether the method delivers no value: {@code void}, or a Uni/CompletionStage of {@code Void}. */
    boolean returnsVoid() {
        Type type = method.getGenericReturnType();
        if (returnKind != ReturnKind.BLOCKING && type instanceof ParameterizedType p) {
            type = p.getActualTypeArguments()[0];
        }
        return type == void.class || type == Void.class;
    }

    /**
     * Binds the model's arguments to Java values, in method parameter order.
     *
     * @throws ArgumentException for a missing, unknown or ill-typed argument
     */
    Object[] bind(JsonNode arguments, ToolContext context) {
        JsonNode args = arguments == null || arguments.isNull() ? JsonNodeFactory.instance.objectNode()
                : unquoted(arguments);
        if (!args.isObject()) {
            throw new ArgumentException("$", "expected an object of arguments, got " + args.getNodeType()
                    .name().toLowerCase());
        }
        checkUnknown(args);
        Object[] values = new Object[parameters.size() + (contextIndex >= 0 ? 1 : 0)];
        if (contextIndex >= 0) {
            values[contextIndex] = context;
        }
        for (ToolParameter parameter : parameters) {
            values[parameter.index()] = bindOne(parameter, args.get(parameter.name()));
        }
        return values;
    }

    /** Arguments sent as a JSON string holding an object (OpenAI style) are read as that object. */
    private static JsonNode unquoted(JsonNode arguments) {
        if (!arguments.isTextual()) {
            return arguments;
        }
        try {
            JsonNode parsed = JsonBinding.mapper().readTree(arguments.textValue());
            return parsed != null && parsed.isObject() ? parsed : arguments;
        } catch (JsonProcessingException e) {
            return arguments;
        }
    }

    private void checkUnknown(JsonNode args) {
        for (String field : (Iterable<String>) args::fieldNames) {
            if (parameters.stream().noneMatch(p -> p.name().equals(field))) {
                String known = parameters.stream().map(ToolParameter::name).collect(Collectors.joining(", "));
                throw new ArgumentException("$." + field, "unknown argument; "
                        + (known.isEmpty() ? "this tool takes no arguments" : "expected one of " + known));
            }
        }
    }

    private static Object bindOne(ToolParameter parameter, JsonNode value) {
        String path = "$." + parameter.name();
        JsonNode effective = value == null || value.isNull() ? parameter.defaultValue() : value;
        if (effective == null) {
            if (parameter.required()) {
                throw new ArgumentException(path, value == null ? "required argument is missing"
                        : "required argument is null");
            }
            return TypeShapes.isOptional(parameter.type()) ? Optional.empty() : null;
        }
        RequiredCheck.check(effective, parameter.schema(), path);
        return ValueBinder.bind(effective, parameter.type(), path);
    }

    /**
     * Calls the method with bound arguments, returning its raw result.
     *
     * @throws Exception whatever the tool threw (unwrapped from reflection)
     */
    Object call(Object[] arguments) throws Exception {
        try {
            return method.invoke(Modifier.isStatic(method.getModifiers()) ? null : target, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw new ToolFailure(e.getCause());
        }
    }

    /** Wraps an {@link Error} thrown by a tool so that it is reported, not propagated. */
    static final class ToolFailure extends RuntimeException {
        ToolFailure(Throwable cause) {
            super(cause.toString(), cause);
        }
    }
}
