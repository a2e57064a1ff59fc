package io.lariat.tools.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.tools.ToolParam;
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
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Color { RED, GREEN }

    record Point(@ToolParam("Horizontal") int x, int y) {
    }

    record Route(@ToolParam("Stops in order") List<Point> stops, Optional<String> note,
                 @ToolParam(value = "Label", required = false) String label, Map<String, Point> named) {
    }

    public static class Pojo {
        @ToolParam(value = "Identifier", required = true)
        private String id;
        private int count;
        private static int ignoredStatic;
        private transient int ignoredTransient;
        private Color color;
    }

    record Node(String name, List<Node> children) {
    }

    record NoDefaults(@ToolParam(defaultValue = "1") int x) {
    }

    @SuppressWarnings("unused")
    static class Holder {
        List<String> strings;
        Set<Integer> integers;
        Map<String, Double> doubles;
        Optional<Long> optionalLong;
        Collection<Boolean> booleans;
        List<List<String>> nested;
        Map<Integer, String> intKeys;
        List<?> wildcard;
        Stream<String> stream;
    }

    private static Type field(String name) {
        try {
            return Holder.class.getDeclaredField(name).getGenericType();
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Stream<Arguments> supportedTypes() {
        return Stream.of(
                Arguments.of("int", int.class, "{\"type\":\"integer\"}"),
                Arguments.of("Integer", Integer.class, "{\"type\":\"integer\"}"),
                Arguments.of("long", long.class, "{\"type\":\"integer\"}"),
                Arguments.of("short", short.class, "{\"type\":\"integer\"}"),
                Arguments.of("byte", Byte.class, "{\"type\":\"integer\"}"),
                Arguments.of("BigInteger", BigInteger.class, "{\"type\":\"integer\"}"),
                Arguments.of("double", double.class, "{\"type\":\"number\"}"),
                Arguments.of("Float", Float.class, "{\"type\":\"number\"}"),
                Arguments.of("BigDecimal", BigDecimal.class, "{\"type\":\"number\"}"),
                Arguments.of("boolean", boolean.class, "{\"type\":\"boolean\"}"),
                Arguments.of("Boolean", Boolean.class, "{\"type\":\"boolean\"}"),
                Arguments.of("String", String.class, "{\"type\":\"string\"}"),
                Arguments.of("char", char.class, "{\"type\":\"string\",\"minLength\":1,\"maxLength\":1}"),
                Arguments.of("enum", Color.class, "{\"type\":\"string\",\"enum\":[\"RED\",\"GREEN\"]}"),
                Arguments.of("LocalDate", LocalDate.class, "{\"type\":\"string\",\"format\":\"date\"}"),
                Arguments.of("LocalTime", LocalTime.class, "{\"type\":\"string\",\"format\":\"time\"}"),
                Arguments.of("LocalDateTime", LocalDateTime.class, "{\"type\":\"string\",\"format\":\"date-time\"}"),
                Arguments.of("OffsetDateTime", OffsetDateTime.class,
                        "{\"type\":\"string\",\"format\":\"date-time\"}"),
                Arguments.of("ZonedDateTime", ZonedDateTime.class, "{\"type\":\"string\",\"format\":\"date-time\"}"),
                Arguments.of("Instant", Instant.class, "{\"type\":\"string\",\"format\":\"date-time\"}"),
                Arguments.of("Duration", Duration.class, "{\"type\":\"string\",\"format\":\"duration\"}"),
                Arguments.of("Year", Year.class, "{\"type\":\"integer\"}"),
                Arguments.of("YearMonth", YearMonth.class,
                        "{\"type\":\"string\",\"pattern\":\"^[0-9]{4}-[0-9]{2}$\"}"),
                Arguments.of("ZoneId", ZoneId.class,
                        "{\"type\":\"string\",\"description\":\"IANA time zone, e.g. Europe/Paris\"}"),
                Arguments.of("UUID", UUID.class, "{\"type\":\"string\",\"format\":\"uuid\"}"),
                Arguments.of("URI", URI.class, "{\"type\":\"string\",\"format\":\"uri\"}"),
                Arguments.of("int[]", int[].class, "{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}"),
                Arguments.of("String[]", String[].class, "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"),
                Arguments.of("List<String>", field("strings"),
                        "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"),
                Arguments.of("Set<Integer>", field("integers"),
                        "{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"uniqueItems\":true}"),
                Arguments.of("Collection<Boolean>", field("booleans"),
                        "{\"type\":\"array\",\"items\":{\"type\":\"boolean\"}}"),
                Arguments.of("List<List<String>>", field("nested"),
                        "{\"type\":\"array\",\"items\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}"),
                Arguments.of("Map<String,Double>", field("doubles"),
                        "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"number\"}}"),
                Arguments.of("Optional<Long>", field("optionalLong"), "{\"type\":\"integer\"}"),
                Arguments.of("record", Point.class, """
                        {"type":"object","properties":{"x":{"type":"integer","description":"Horizontal"},
                         "y":{"type":"integer"}},"required":["x","y"]}"""),
                Arguments.of("nested record", Route.class, """
                        {"type":"object","properties":{
                          "stops":{"type":"array","items":{"type":"object","properties":{
                              "x":{"type":"integer","description":"Horizontal"},"y":{"type":"integer"}},
                              "required":["x","y"]},"description":"Stops in order"},
                          "note":{"type":"string"},
                          "label":{"type":"string","description":"Label"},
                          "named":{"type":"object","additionalProperties":{"type":"object","properties":{
                              "x":{"type":"integer","description":"Horizontal"},"y":{"type":"integer"}},
                              "required":["x","y"]}}},
                         "required":["stops","named"]}"""),
                Arguments.of("POJO", Pojo.class, """
                        {"type":"object","properties":{"id":{"type":"string","description":"Identifier"},
                         "count":{"type":"integer"},"color":{"type":"string","enum":["RED","GREEN"]}},
                         "required":["id"]}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supportedTypes")
    void schemaOfSupportedType(String label, Type type, String expected) throws Exception {
        assertEquals(JSON.readTree(expected), JsonSchemas.schemaOf(type));
    }

    static Stream<Arguments> unsupportedTypes() {
        return Stream.of(
                Arguments.of("Object", Object.class, "Object: unsupported type java.lang.Object "
                        + "(use a scalar, enum, collection, Map<String, T>, record or POJO)"),
                Arguments.of("interface", Runnable.class, "Runnable: unsupported type java.lang.Runnable "
                        + "(use a scalar, enum, collection, Map<String, T>, record or POJO)"),
                Arguments.of("Map<Integer,String>", field("intKeys"),
                        "java.util.Map<java.lang.Integer, java.lang.String>: map keys must be String, "
                                + "got java.lang.Integer"),
                Arguments.of("List<?>", field("wildcard"), "java.util.List<?>[]: unsupported type ? "
                        + "(type variables and wildcards have no schema)"),
                Arguments.of("Stream<String>", field("stream"), "java.util.stream.Stream<java.lang.String>: "
                        + "unsupported generic type java.util.stream.Stream<java.lang.String> "
                        + "(use List, Set, Map<String, T>, Optional or a record)"),
                Arguments.of("raw List", List.class, "List: raw type java.util.List needs type arguments"),
                Arguments.of("recursive record", Node.class,
                        "Node.children[]: recursive type Node has no finite schema"),
                Arguments.of("default on component", NoDefaults.class,
                        "x: defaultValue is supported on tool method parameters only"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedTypes")
    void unsupportedTypeNamesPathAndRule(String label, Type type, String message) {
        JsonSchemaException e = assertThrows(JsonSchemaException.class, () -> JsonSchemas.schemaOf(type));
        assertEquals(message, e.getMessage());
    }

    @Test
    void stringLikeTypesTakeDefaultsAsText() {
        assertEquals(List.of(true, true, true, true, false, false, false),
                Stream.<Type>of(String.class, Color.class, LocalDate.class, ZoneId.class, int.class, Year.class,
                                Point.class)
                        .map(JsonSchemas::isStringLike).toList());
    }
}
