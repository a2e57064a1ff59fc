package io.lariat.tools.binding;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Words for what a Java type expects and what the model sent, used in argument error messages. */
final class Expectations {

    private static final int MAX_SHOWN = 60;
    private static final Set<Class<?>> INTEGERS = Set.of(byte.class, short.class, int.class, long.class,
            Byte.class, Short.class, Integer.class, Long.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(float.class, double.class, Float.class, Double.class,
            BigDecimal.class);
    private static final Map<Class<?>, String> TEMPORALS = Map.of(
            LocalDate.class, "an ISO-8601 date such as 2024-07-23",
            LocalTime.class, "an ISO-8601 time such as 14:30:00",
            LocalDateTime.class, "an ISO-8601 date-time such as 2024-07-23T14:30:00",
            OffsetDateTime.class, "an ISO-8601 date-time with offset such as 2024-07-23T14:30:00+02:00",
            ZonedDateTime.class, "an ISO-8601 date-time with offset such as 2024-07-23T14:30:00+02:00",
            Instant.class, "an ISO-8601 instant such as 2024-07-23T12:30:00Z",
            Duration.class, "an ISO-8601 duration such as PT15M");

    private Expectations() {
    }

    static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (INTEGERS.contains(type)) {
            return "an integer";
        }
        if (NUMBERS.contains(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == char.class || type == Character.class) {
            return "a single character";
        }
        if (TEMPORALS.containsKey(type)) {
            return TEMPORALS.get(type);
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    static String actual(Object value) {
        return switch (value) {
            case null -> "nothing";
            case JsonNode node when node.isTextual() -> quoted(node.textValue());
            case JsonNode node when node.isObject() -> "an object";
            case JsonNode node when node.isArray() -> "an array";
            case JsonNode node -> shorten(node.toString());
            case String s -> quoted(s);
            default -> shorten(String.valueOf(value));
        };
    }

    private static String quoted(String text) {
        String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "\"" + shorten(escaped) + "\"";
    }

    private static String shorten(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
    }
}
