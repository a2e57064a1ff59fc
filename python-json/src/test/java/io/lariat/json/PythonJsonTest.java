package io.lariat.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PythonJsonTest {

    /** (double, Python's repr of it) pairs checked against CPython 3. */
    static Stream<Arguments> floats() {
        return Stream.of(
                Arguments.of(Named.of("1e-05", 1e-05), "1e-05"),
                Arguments.of(Named.of("0.0001", 0.0001), "0.0001"),
                Arguments.of(Named.of("10.0", 10.0), "10.0"),
                Arguments.of(Named.of("-2.5", -2.5), "-2.5"),
                Arguments.of(Named.of("-2.5e-7", -2.5e-7), "-2.5e-07"),
                Arguments.of(Named.of("1234567890123456.0", 1234567890123456.0), "1234567890123456.0"),
                Arguments.of(Named.of("1.2345e20", 1.2345e20), "1.2345e+20"),
                Arguments.of(Named.of("1e15", 1e15), "1000000000000000.0"),
                Arguments.of(Named.of("1e16", 1e16), "1e+16"),
                Arguments.of(Named.of("1.2345678901234568e17", 1.2345678901234568e17), "1.2345678901234568e+17"),
                Arguments.of(Named.of("0.1+0.2", 0.1 + 0.2), "0.30000000000000004"),
                Arguments.of(Named.of("-0.0", -0.0), "-0.0"),
                Arguments.of(Named.of("5e-324", 5e-324), "5e-324"),
                Arguments.of(Named.of("1.5e300", 1.5e300), "1.5e+300"));
    }

    @ParameterizedTest
    @MethodSource("floats")
    void floatsAreWrittenAsPythonRepr(double value, String repr) {
        assertEquals(repr, PythonJson.floatRepr(value));
    }

    @Test
    void compactFormUsesPythonSeparatorsAndKeepsNonAscii() throws Exception {
        Object value = new ObjectMapper().readTree("{\"a\": [1, 2.5, true, null], \"é\": \"日本\\u001f\\\"\\\\\"}");
        assertEquals("{\"a\": [1, 2.5, true, null], \"é\": \"日本\\u001f\\\"\\\\\"}", PythonJson.dumps(value));
    }

    @Test
    void decimalsKeepEveryDigitWhereDoublesAreWrittenAsRepr() throws Exception {
        var mapper = new ObjectMapper();
        var tree = mapper.createObjectNode().put("exact", new java.math.BigDecimal("1.4142135623730950488"))
                .put("whole", new java.math.BigDecimal("100")).put("double", 0.1 + 0.2);
        assertEquals("{\"exact\": 1.4142135623730950488, \"whole\": 100.0, \"double\": 0.30000000000000004}",
                PythonJson.dumps(tree));
        assertEquals("[12.50]", PythonJson.dumps(List.of(new java.math.BigDecimal("12.50"))));
    }

    @Test
    void indentPutsEveryElementOnItsOwnLineAndKeepsEmptyContainersShort() {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("required", List.of("city"));
        value.put("empty", List.of());
        value.put("none", Map.of());
        assertEquals("{\n    \"required\": [\n        \"city\"\n    ],\n    \"empty\": [],\n    \"none\": {}\n}",
                PythonJson.dumps(value, 4));
    }
}
