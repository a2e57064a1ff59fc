package io.lariat.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lariat.tools.binding.ArgumentException;
import io.lariat.tools.binding.JsonBinding;
import io.lariat.tools.binding.RequiredCheck;
import io.lariat.tools.binding.ValueBinder;
import io.lariat.tools.schema.JsonSchemaException;
import io.lariat.tools.schema.JsonSchemas;
import io.lariat.tools.schema.TypeShapes;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves a tool method's parameters: names, schemas, required flags and checked defaults.
 *
 * @param parameters the JSON parameters in method order
 * @param contextIndex position of the {@link ToolContext} parameter, or -1
 */
record ParameterResolver(List<ToolParameter> parameters, int contextIndex) {

    static ParameterResolver resolve(String where, Method method) {
        List<ToolParameter> parameters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int contextIndex = -1;
        Parameter[] javaParameters = method.getParameters();
        for (int i = 0; i < javaParameters.length; i++) {
            Parameter p = javaParameters[i];
            if (p.getType() == ToolContext.class) {
                if (contextIndex >= 0) {
                    throw new ToolDefinitionException(where, "at most one ToolContext parameter is allowed");
                }
                contextIndex = i;
                continue;
            }
            ToolParameter resolved = resolveOne(where, p, i);
            if (!names.add(resolved.name())) {
                throw new ToolDefinitionException(where, "duplicate parameter name '" + resolved.name() + "'");
            }
            parameters.add(resolved);
        }
        return new ParameterResolver(List.copyOf(parameters), contextIndex);
    }

    private static ToolParameter resolveOne(String where, Parameter p, int index) {
        ToolParam param = p.getAnnotation(ToolParam.class);
        String name = param != null && !param.name().isEmpty() ? param.name() : p.getName();
        if (!p.isNamePresent() && (param == null || param.name().isEmpty())) {
            throw new ToolDefinitionException(where, "parameter " + index + " has no name; compile with "
                    + "-parameters or set @ToolParam(name = ...)");
        }
        Type type = p.getParameterizedType();
        ObjectNode schema;
        try {
            schema = JsonSchemas.schemaOf(type);
        } catch (JsonSchemaException e) {
            throw new ToolDefinitionException(where, "parameter '" + name + "' has " + e.getMessage());
        }
        JsonNode defaultValue = param == null || ToolParam.NO_DEFAULT.equals(param.defaultValue()) ? null
                : checkedDefault(where, name, type, schema, param.defaultValue());
        boolean optional = TypeShapes.isOptional(type) || (param != null && !param.required());
        if (optional && defaultValue == null && p.getType().isPrimitive()) {
            throw new ToolDefinitionException(where, "optional primitive parameter '" + name
                    + "' needs a defaultValue (or use the boxed type)");
        }
        JsonSchemas.describe(schema, param == null ? "" : param.value(), defaultValue);
        return new ToolParameter(name, type, schema, !optional && defaultValue == null, defaultValue, index);
    }

    /** Parses and binds a declared default, returning it in canonical JSON form (e.g. "celsius" → "CELSIUS"). */
    private static JsonNode checkedDefault(String where, String name, Type type, ObjectNode schema, String text) {
        JsonNode node = JsonSchemas.isStringLike(type) ? TextNode.valueOf(text) : parseLenient(text);
        try {
            RequiredCheck.check(node, schema, "$." + name);
            Object value = ValueBinder.bind(node, type, "$." + name);
            return JsonBinding.mapper().valueToTree(value);
        } catch (ArgumentException e) {
            throw new ToolDefinitionException(where, "parameter '" + name + "' has invalid default \"" + text
                    + "\": " + e.problem());
        }
    }

    private static JsonNode parseLenient(String text) {
        try {
            JsonNode parsed = JsonBinding.mapper().readTree(text);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(text) : parsed;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
