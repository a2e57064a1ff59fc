package io.lariat.cli;

import java.time.Duration;

/**
 * Formats durations exactly as Go's {@code time.Duration.String()} does ({@code 2.342940467s}, {@code 63.679ms},
 * {@code 1m5.2s}, {@code 0s}), so that {@code --verbose} reads like Ollama's.
 */
final class GoDuration {
    private GoDuration() {
    }

    /** The Go rendering of {@code duration} (nanosecond precision). */
    static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long u = Math.abs(nanos);
        if (u < 1_000L) {
            return sign + u + "ns";
        }
        if (u < 1_000_000L) {
            return sign + fraction(u, 3) + "µs";
        }
        if (u < 1_000_000_000L) {
            return sign + fraction(u, 6) + "ms";
        }
        long seconds = u / 1_000_000_000L;
        String secondsPart = fraction(u % 1_000_000_000L + (seconds % 60) * 1_000_000_000L, 9) + "s";
        long minutes = seconds / 60;
        if (minutes == 0) {
            return sign + secondsPart;
        }
        long hours = minutes / 60;
        String minutesPart = (minutes % 60) + "m";
        return sign + (hours == 0 ? "" : hours + "h") + minutesPart + secondsPart;
    }

    /** {@code value / 10^digits} with the fraction's trailing zeros (and a bare point) dropped, as Go's fmtFrac. */
    private static String fraction(long value, int digits) {
        long scale = (long) Math.pow(10, digits);
        String frac = String.format("%0" + digits + "d", value % scale).replaceFirst("0+$", "");
        return (value / scale) + (frac.isEmpty() ? "" : "." + frac);
    }
}
