package io.lariat.tools.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * JSON Schema (the subset models and OpenAI-style APIs use) generated from Java types.
 *
 * <p>Supported: primitives and their boxes, {@code String}, {@code char}, {@code BigDecimal}, {@code BigInteger},
 * enums (constant names), {@code java.time} types (ISO-8601 strings), {@code UUID}, {@code URI}, {@code Optional<T>}
 * (as T), {@code List}/{@code Set}/{@code Collection}/arrays, {@code Map<String, T>}, and records and POJOs whose
 * components or fields are themselves supported, nested to any depth but not recursive. Descriptions come from
 * {@link io.lariat.tools.ToolParam} on record components and fields. Anything else raises
 * {@link JsonSchemaException}. Stateless and thread-safe; every call returns a fresh tree.
 */
public final class JsonSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<Class<?>, String> TEMPORAL_FORMATS = Map.ofEntries(
            Map.entry(LocalDate.class, "date"),
            Map.entry(LocalTime.class, "time"),
            Map.entry(OffsetTime.class, "time"),
            Map.entry(LocalDateTime.class, "date-time"),
            Map.entry(OffsetDateTime.class, "date-time"),
            Map.entry(ZonedDateTime.class, "date-time"),
            Map.entry(Instant.class, "date-time"),
            Map.entry(Duration.class, "duration"),
            Map.entry(Period.class, "duration"),
            Map.entry(UUID.class, "uuid"),
            Map.entry(URI.class, "uri"));
    private static final Set<Class<?>> INTEGERS = Set.of(byte.class, short.class, int.class, long.class,
            Byte.class, Short.class, Integer.class, Long.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(float.class, double.class, Float.class, Double.class,
            BigDecimal.class);

    private JsonSchemas() {
    }

    /**
     * The schema of a Java type.
     *
     * @throws JsonSchemaException if the type or a type nested in it is unsupported
     */
    public static ObjectNode schemaOf(Type type) {
        return schemaOf(type, typeName(type), new ArrayDeque<>());
    }

    /** An object schema with the given properties (in order) and required names, for a tool's arguments. */
    public static ObjectNode objectSchema(Map<String, ObjectNode> properties, List<String> required) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        properties.forEach(props::set);
        ArrayNode req = schema.putArray("required");
        required.forEach(req::add);
        return schema;
    }

    /**
     * Whether values of the type are written as JSON strings (strings, chars, enums, {@code java.time} types,
     * UUID, URI), so that a default written as plain text is taken as the string itself.
     */
    public static boolean isStringLike(Type type) {
        Class<?> raw = TypeShapes.rawClass(TypeShapes.unwrapOptional(type));
        return raw == String.class || raw == char.class || raw == Character.class || raw.isEnum()
                || TEMPORAL_FORMATS.containsKey(raw) || raw == ZoneId.class || raw == YearMonth.class;
    }

    static ObjectNode schemaOf(Type type, String path, Deque<Class<?>> inProgress) {
        Type unwrapped = TypeShapes.unwrapOptional(type);
        if (unwrapped instanceof ParameterizedType parameterized) {
            return parameterizedSchema(parameterized, path, inProgress);
        }
        if (unwrapped instanceof GenericArrayType array) {
            return arraySchema(array.getGenericComponentType(), false, path, inProgress);
        }
        if (!(unwrapped instanceof Class<?> raw)) {
            throw new JsonSchemaException(path, "unsupported type " + unwrapped.getTypeName()
                    + " (type variables and wildcards have no schema)");
        }
        return classSchema(raw, path, inProgress);
    }

    private static ObjectNode classSchema(Class<?> raw, String path, Deque<Class<?>> inProgress) {
        ObjectNode scalar = scalarSchema(raw);
        if (scalar != null) {
            return scalar;
        }
        if (raw.isArray()) {
            return arraySchema(raw.getComponentType(), false, path, inProgress);
        }
        if (raw.isEnum()) {
            ObjectNode schema = typed("string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return schema;
        }
        if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || raw == Optional.class) {
            throw new JsonSchemaException(path, "raw type " + raw.getName() + " needs type arguments");
        }
        return ObjectTypes.objectSchema(raw, path, inProgress);
    }

    private static ObjectNode scalarSchema(Class<?> raw) {
        if (raw == String.class) {
            return typed("string");
        }
        if (raw == char.class || raw == Character.class) {
            return typed("string").put("minLength", 1).put("maxLength", 1);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return typed("boolean");
        }
        if (INTEGERS.contains(raw) || raw == Year.class) {
            return typed("integer");
        }
        if (NUMBERS.contains(raw)) {
            return typed("number");
        }
        if (TEMPORAL_FORMATS.containsKey(raw)) {
            return typed("string").put("format", TEMPORAL_FORMATS.get(raw));
        }
        if (raw == YearMonth.class) {
            return typed("string").put("pattern", "^[0-9]{4}-[0-9]{2}$");
        }
        if (raw == ZoneId.class) {
            return typed("string").put("description", "IANA time zone, e.g. Europe/Paris");
        }
        return null;
    }

    private static ObjectNode parameterizedSchema(ParameterizedType type, String path, Deque<Class<?>> inProgress) {
        Class<?> raw = TypeShapes.rawClass(type);
        Type[] args = type.getActualTypeArguments();
        if (raw == List.class || raw == Collection.class || raw == Iterable.class) {
            return arraySchema(args[0], false, path, inProgress);
        }
        if (raw == Set.class) {
            return arraySchema(args[0], true, path, inProgress);
        }
        if (raw == Map.class) {
            if (args[0] != String.class) {
                throw new JsonSchemaException(path, "map keys must be String, got " + args[0].getTypeName());
            }
            ObjectNode schema = typed("object");
            schema.set("additionalProperties", schemaOf(args[1], path + "{}", inProgress));
            return schema;
        }
        throw new JsonSchemaException(path, "unsupported generic type " + type.getTypeName()
                + " (use List, Set, Map<String, T>, Optional or a record)");
    }

    private static ObjectNode arraySchema(Type element, boolean unique, String path, Deque<Class<?>> inProgress) {
        ObjectNode schema = typed("array");
        schema.set("items", schemaOf(element, path + "[]", inProgress));
        if (unique) {
            schema.put("uniqueItems", true);
        }
        return schema;
    }

    static ObjectNode typed(String type) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", type);
        return schema;
    }

    /** Adds a description (when non-blank) and a default (when non-null) after the type keywords. */
    public static ObjectNode describe(ObjectNode schema, String description, JsonNode defaultValue) {
        if (description != null && !description.isBlank()) {
            schema.put("description", description);
        }
        if (defaultValue != null) {
            schema.set("default", defaultValue);
        }
        return schema;
    }

    private static String typeName(Type type) {
        return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
    }
}
