package io.lariat.tools.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.tools.ToolParam;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schemas of records (components in declaration order) and POJOs (instance fields, superclass first).
 *
 * <p>Record components are required unless Optional or marked {@code @ToolParam(required = false)}; POJO fields are
 * required only when marked {@code @ToolParam(required = true)} explicitly, since a POJO has field defaults.
 */
final class ObjectTypes {

    private ObjectTypes() {
    }

    static ObjectNode objectSchema(Class<?> type, String path, Deque<Class<?>> inProgress) {
        checkShape(type, path);
        if (inProgress.contains(type)) {
            throw new JsonSchemaException(path, "recursive type " + type.getSimpleName() + " has no finite schema");
        }
        inProgress.push(type);
        try {
            List<Member> members = type.isRecord() ? recordMembers(type) : pojoMembers(type);
            Map<String, ObjectNode> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (Member member : members) {
                ObjectNode schema = JsonSchemas.schemaOf(member.type(), path + "." + member.name(), inProgress);
                properties.put(member.name(), JsonSchemas.describe(schema, member.description(), null));
                if (member.required()) {
                    required.add(member.name());
                }
            }
            return JsonSchemas.objectSchema(properties, required);
        } finally {
            inProgress.pop();
        }
    }

    private static void checkShape(Class<?> type, String path) {
        if (type.isPrimitive() || type.isInterface() || Modifier.isAbstract(type.getModifiers())
                || type.getName().startsWith("java.") || type == Object.class) {
            throw new JsonSchemaException(path, "unsupported type " + type.getName()
                    + " (use a scalar, enum, collection, Map<String, T>, record or POJO)");
        }
        if (!type.isRecord()) {
            try {
                type.getDeclaredConstructor();
            } catch (NoSuchMethodException e) {
                throw new JsonSchemaException(path, "POJO " + type.getSimpleName()
                        + " needs a no-argument constructor (or make it a record)");
            }
        }
    }

    private static List<Member> recordMembers(Class<?> type) {
        List<Member> members = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            ToolParam param = component.getAnnotation(ToolParam.class);
            boolean required = !TypeShapes.isOptional(component.getGenericType())
                    && (param == null || param.required());
            members.add(member(component, component.getName(), component.getGenericType(), param, required));
        }
        return members;
    }

    private static List<Member> pojoMembers(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.addFirst(c);
        }
        List<Member> members = new ArrayList<>();
        for (Class<?> c : hierarchy) {
            for (Field field : c.getDeclaredFields()) {
                int mods = field.getModifiers();
                if (Modifier.isStatic(mods) || Modifier.isTransient(mods) || field.isSynthetic()) {
                    continue;
                }
                ToolParam param = field.getAnnotation(ToolParam.class);
                boolean required = param != null && param.required() && !TypeShapes.isOptional(field.getGenericType());
                members.add(member(field, field.getName(), field.getGenericType(), param, required));
            }
        }
        return members;
    }

    private static Member member(AnnotatedElement element, String javaName, Type type, ToolParam param,
                                 boolean required) {
        JsonProperty renamed = element.getAnnotation(JsonProperty.class);
        String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : javaName;
        if (param != null && !ToolParam.NO_DEFAULT.equals(param.defaultValue())) {
            throw new JsonSchemaException(name, "defaultValue is supported on tool method parameters only");
        }
        return new Member(name, type, param == null ? "" : param.value(), required);
    }

    private record Member(String name, Type type, String description, boolean required) {
    }
}
