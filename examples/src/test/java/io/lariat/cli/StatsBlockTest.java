package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsBlockTest {

    @Test
    void printsOllamasEightLinesWithValuesAtColumn23() {
        StatsBlock stats = new StatsBlock(Duration.ofNanos(2_342_940_467L), Duration.ofNanos(21_345_123L), 26,
                Duration.ofNanos(63_679_000L), 290, Duration.ofNanos(2_114_000_000L));
        List<String> lines = stats.lines();
        assertEquals(List.of(
                "total duration:       2.342940467s",
                "load duration:        21.345123ms",
                "prompt eval count:    26 token(s)",
                "prompt eval duration: 63.679ms",
                "prompt eval rate:     408.30 tokens/s",
                "eval count:           290 token(s)",
                "eval duration:        2.114s",
                "eval rate:            137.18 tokens/s"), lines);
        lines.forEach(line -> assertEquals(22, line.indexOf(line.substring(22).strip()), line));
    }

    @Test
    void zeroDurationsRateAsGoDoes() {
        assertEquals("+Inf", StatsBlock.rate(3, Duration.ZERO));
        assertEquals("NaN", StatsBlock.rate(0, Duration.ZERO));
    }
}
