package io.lariat.tools.builtin.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PythonLimitsTest {

    @Test
    void defaultsMatchTheDocumentedValues() {
        assertEquals(new PythonLimits(Duration.ofSeconds(10), Duration.ofSeconds(20), 256L << 20, 16384),
                PythonLimits.defaults());
    }

    @Test
    void withersReplaceOneComponent() {
        PythonLimits limits = PythonLimits.defaults().withCpuTime(Duration.ofSeconds(1))
                .withWallTime(Duration.ofSeconds(2)).withMemoryBytes(96L << 20).withOutputBytes(100);
        assertEquals(new PythonLimits(Duration.ofSeconds(1), Duration.ofSeconds(2), 96L << 20, 100), limits);
    }

    static Stream<Arguments> invalidLimits() {
        PythonLimits base = PythonLimits.defaults();
        return Stream.of(
                Arguments.of("zero cpu", (Supplier<PythonLimits>) () -> base.withCpuTime(Duration.ZERO),
                        "cpuTime must be positive, got PT0S"),
                Arguments.of("negative wall", (Supplier<PythonLimits>) () -> base.withWallTime(Duration.ofSeconds(-1)),
                        "wallTime must be positive, got PT-1S"),
                Arguments.of("tiny memory", (Supplier<PythonLimits>) () -> base.withMemoryBytes(32L << 20),
                        "memoryBytes must be at least 64 MiB, got 33554432"),
                Arguments.of("tiny output", (Supplier<PythonLimits>) () -> base.withOutputBytes(10),
                        "outputBytes must be at least 64, got 10"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidLimits")
    void rejectsInvalidValuesNamingTheComponent(String what, Supplier<PythonLimits> build, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build::get).getMessage());
    }
}
