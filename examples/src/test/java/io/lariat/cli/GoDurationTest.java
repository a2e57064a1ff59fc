package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoDurationTest {

    /** Values and what Go's time.Duration.String() prints for them. */
    static Stream<Arguments> goRenderings() {
        return Stream.of(
                Arguments.of(0L, "0s"),
                Arguments.of(1L, "1ns"),
                Arguments.of(999L, "999ns"),
                Arguments.of(1_000L, "1µs"),
                Arguments.of(1_500L, "1.5µs"),
                Arguments.of(63_679_000L, "63.679ms"),
                Arguments.of(63_679_123L, "63.679123ms"),
                Arguments.of(100_000_000L, "100ms"),
                Arguments.of(1_000_000_000L, "1s"),
                Arguments.of(2_342_940_467L, "2.342940467s"),
                Arguments.of(60_000_000_000L, "1m0s"),
                Arguments.of(65_200_000_000L, "1m5.2s"),
                Arguments.of(3_600_000_000_000L, "1h0m0s"),
                Arguments.of(3_723_000_000_001L, "1h2m3.000000001s"),
                Arguments.of(-1_500_000_000L, "-1.5s"));
    }

    @ParameterizedTest(name = "{0} ns -> {1}")
    @MethodSource("goRenderings")
    void formatsLikeGo(long nanos, String expected) {
        assertEquals(expected, GoDuration.format(Duration.ofNanos(nanos)));
    }
}
