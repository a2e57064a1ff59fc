package io.lariat.engine.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Float16Test {

    static Stream<Arguments> roundings() {
        return Stream.of(
                Arguments.of("one", 1f, 0x3C00),
                Arguments.of("largest finite", 65504f, 0x7BFF),
                Arguments.of("rounds up to infinity", 65520f, 0x7C00),
                Arguments.of("just below the overflow tie", 65519.996f, 0x7BFF),
                Arguments.of("one third", 1f / 3, 0x3555),
                Arguments.of("tie to even, down", 1f + 0x1p-11f, 0x3C00),
                Arguments.of("tie to even, up", 1f + 0x3p-11f, 0x3C02),
                Arguments.of("smallest subnormal", 0x1p-24f, 0x0001),
                Arguments.of("half the smallest subnormal ties to zero", 0x1p-25f, 0x0000),
                Arguments.of("negative zero", -0f, 0x8000),
                Arguments.of("minus two", -2f, 0xC000),
                Arguments.of("quiet NaN", Float.NaN, 0x7E00));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundings")
    void roundsToNearestEven(String name, float value, int bits) {
        assertEquals((short) bits, Float16.fromFloat(value));
    }

    @Test
    void everyNonNanHalfSurvivesARoundTrip() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            boolean nan = (bits & 0x7C00) == 0x7C00 && (bits & 0x03FF) != 0;
            if (!nan) {
                assertEquals((short) bits, Float16.fromFloat(Float16.toFloat((short) bits)), "bits " + bits);
            }
        }
    }

    @Test
    void decodesSubnormalsAndInfinity() {
        assertEquals(0x1p-24f, Float16.toFloat((short) 0x0001));
        assertEquals(Float.NEGATIVE_INFINITY, Float16.toFloat((short) 0xFC00));
        assertEquals(0.5f, Float16.toFloat((short) 0x3800));
    }
}
