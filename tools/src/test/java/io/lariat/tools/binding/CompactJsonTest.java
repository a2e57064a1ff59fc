package io.lariat.tools.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompactJsonTest {

    @Test
    void writesPythonJsonDumpsSeparatorsAndKeepsOrderAndUnicode() throws Exception {
        var tree = new ObjectMapper().readTree("{\"b\":[1,2,{\"x\":null}],\"a\":\"héllo \\\"q\\\"\\n\\u0001\","
                + "\"t\":true}");
        assertEquals("{\"b\": [1, 2, {\"x\": null}], \"a\": \"héllo \\\"q\\\"\\n\\u0001\", \"t\": true}",
                CompactJson.write(tree));
    }

    static Stream<Arguments> floats() {
        return Stream.of(Arguments.of(1e-05, "1e-05"), Arguments.of(0.0001, "0.0001"), Arguments.of(100.0, "100.0"),
                Arguments.of(1.5, "1.5"), Arguments.of(1e16, "1e+16"), Arguments.of(1234567890123456.0,
                        "1234567890123456.0"), Arguments.of(-2.5e-7, "-2.5e-07"), Arguments.of(0.1 + 0.2,
                        "0.30000000000000004"), Arguments.of(1.2345e20, "1.2345e+20"), Arguments.of(-0.0, "-0.0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("floats")
    void formatsFloatsLikePythonRepr(double value, String expected) {
        assertEquals(expected, CompactJson.pythonFloat(value));
    }
}
