package io.lariat.cli;

import java.util.Locale;

/** Human-readable sizes, as Ollama prints them (decimal units). */
final class Sizes {
    private Sizes() {
    }

    /** Bytes in decimal units: {@code 4.7 GB}, {@code 512 B}. */
    static String bytes(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A parameter count as Ollama shows it: {@code 8.0B}, {@code 1.2M}, {@code 950}. */
    static String parameters(long count) {
        if (count >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1fB", count / 1e9);
        }
        if (count >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1fM", count / 1e6);
        }
        if (count >= 1_000L) {
            return String.format(Locale.ROOT, "%.1fK", count / 1e3);
        }
        return Long.toString(count);
    }
}
