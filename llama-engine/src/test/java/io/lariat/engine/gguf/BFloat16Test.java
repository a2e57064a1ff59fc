package io.lariat.engine.gguf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BFloat16Test {

    static Stream<Arguments> roundings() {
        return Stream.of(
                Arguments.of("one", 0x3F80_0000, 0x3F80),
                Arguments.of("tie to even, down", 0x3F80_8000, 0x3F80),
                Arguments.of("tie to even, up", 0x3F81_8000, 0x3F82),
                Arguments.of("above the tie", 0x3F80_8001, 0x3F81),
                Arguments.of("largest float overflows to infinity", 0x7F7F_FFFF, 0x7F80),
                Arguments.of("infinity", 0xFF80_0000, 0xFF80),
                Arguments.of("subnormal is kept, not flushed", 0x0001_8000, 0x0002),
                Arguments.of("signalling NaN becomes quiet", 0x7FA0_0000, 0x7FE0),
                Arguments.of("negative NaN keeps its sign", 0xFF80_0001, 0xFFC0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundings")
    void roundsLikeGgml(String name, int floatBits, int bfloatBits) {
        assertEquals((short) bfloatBits, BFloat16.fromFloat(Float.intBitsToFloat(floatBits)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundings")
    void decodesByShifting(String name, int floatBits, int bfloatBits) {
        assertEquals(bfloatBits << 16, Float.floatToRawIntBits(BFloat16.toFloat((short) bfloatBits)));
    }
}
