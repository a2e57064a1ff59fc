package io.lariat.tools.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValueBinderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Unit { CELSIUS, FAHRENHEIT }

    record Stop(String city, LocalDate date) {
        Stop {
            if (city != null && city.isBlank()) {
                throw new IllegalArgumentException("city must not be blank");
            }
        }
    }

    record Trip(List<Stop> stops, int travellers) {
    }

    @SuppressWarnings("unused")
    static class Holder {
        List<Integer> integers;
        Set<String> strings;
        Map<String, Integer> counts;
    }

    private static Type field(String name) {
        try {
            return Holder.class.getDeclaredField(name).getGenericType();
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Stream<Arguments> coercions() {
        return Stream.of(
                Arguments.of("string to int", "\"10\"", int.class, 10),
                Arguments.of("string to long", "\"-7\"", Long.class, -7L),
                Arguments.of("string to double", "\"2.5\"", double.class, 2.5),
                Arguments.of("exact decimal", "\"0.1\"", BigDecimal.class, new BigDecimal("0.1")),
                Arguments.of("string to boolean", "\"true\"", boolean.class, true),
                Arguments.of("number to string", "42", String.class, "42"),
                Arguments.of("enum any case", "\"fahrenheit\"", Unit.class, Unit.FAHRENHEIT),
                Arguments.of("single value to list", "5", field("integers"), List.of(5)),
                Arguments.of("single string to set", "\"a\"", field("strings"), Set.of("a")),
                Arguments.of("list of string numbers", "[\"1\", 2]", field("integers"), List.of(1, 2)),
                Arguments.of("map values", "{\"a\": \"3\"}", field("counts"), Map.of("a", 3)),
                Arguments.of("ISO date", "\"2024-07-23\"", LocalDate.class, LocalDate.of(2024, 7, 23)),
                Arguments.of("ISO duration", "\"PT15M\"", Duration.class, Duration.ofMinutes(15)),
                Arguments.of("nested record", "{\"stops\": {\"city\": \"Oslo\", \"date\": \"2024-01-02\"},"
                        + " \"travellers\": \"2\"}", Trip.class,
                        new Trip(List.of(new Stop("Oslo", LocalDate.of(2024, 1, 2))), 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coercions")
    void coercesWhatModelsWrite(String label, String value, Type type, Object expected) {
        assertEquals(expected, ValueBinder.bind(json(value), type, "$.x"));
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("enum", "\"kelvin\"", Unit.class,
                        "$.x: expected one of CELSIUS, FAHRENHEIT, got \"kelvin\""),
                Arguments.of("enum from number", "1", Unit.class, "$.x: expected one of CELSIUS, FAHRENHEIT, got 1"),
                Arguments.of("int from text", "\"ten\"", int.class, "$.x: expected an integer, got \"ten\""),
                Arguments.of("int from fraction", "2.5", int.class, "$.x: expected an integer, got 2.5"),
                Arguments.of("int from object", "{\"a\": 1}", int.class, "$.x: expected an integer, got an object"),
                Arguments.of("int overflow", "99999999999", int.class,
                        "$.x: expected an integer, got 99999999999 (out of range)"),
                Arguments.of("boolean", "\"maybe\"", boolean.class, "$.x: expected true or false, got \"maybe\""),
                Arguments.of("string from object", "{}", String.class, "$.x: expected a string, got an object"),
                Arguments.of("date", "\"23/07/2024\"", LocalDate.class,
                        "$.x: expected an ISO-8601 date such as 2024-07-23, got \"23/07/2024\""),
                Arguments.of("list element", "[1, \"two\"]", field("integers"),
                        "$.x[1]: expected an integer, got \"two\""),
                Arguments.of("nested field", "{\"stops\": [{\"city\": \"Oslo\", \"date\": \"soon\"}], "
                        + "\"travellers\": 1}", Trip.class,
                        "$.x.stops[0].date: expected an ISO-8601 date such as 2024-07-23, got \"soon\""),
                Arguments.of("unknown property", "{\"stops\": [], \"travellers\": 1, \"budget\": 5}", Trip.class,
                        "$.x.budget: unknown property; expected one of stops, travellers"),
                Arguments.of("constructor check", "{\"city\": \" \", \"date\": \"2024-01-02\"}", Stop.class,
                        "$.x: city must not be blank"),
                Arguments.of("null primitive", "{\"stops\": [], \"travellers\": null}", Trip.class,
                        "$.x.travellers: expected an integer, got null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithJsonPathMessage(String label, String value, Type type, String message) {
        ArgumentException e = assertThrows(ArgumentException.class, () -> ValueBinder.bind(json(value), type, "$.x"));
        assertEquals(message, e.getMessage());
    }
}
