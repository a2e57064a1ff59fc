package io.lariat.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Ollama's eight {@code --verbose} statistics lines, byte for byte: labels padded so values start at column 23,
 * durations as Go prints them, rates with two decimals ({@code +Inf} or {@code NaN} for a zero duration, as Go).
 *
 * @param total      wall-clock time of the request, load included
 * @param load       time spent loading the model
 * @param promptEval prompt tokens evaluated (not served from the cache)
 * @param promptTime time spent evaluating them
 * @param eval       tokens generated
 * @param evalTime   time spent generating them
 */
record StatsBlock(Duration total, Duration load, int promptEval, Duration promptTime, int eval, Duration evalTime) {

    /** The eight lines, without line terminators. */
    List<String> lines() {
        return List.of(
                "total duration:       " + GoDuration.format(total),
                "load duration:        " + GoDuration.format(load),
                "prompt eval count:    " + promptEval + " token(s)",
                "prompt eval duration: " + GoDuration.format(promptTime),
                "prompt eval rate:     " + rate(promptEval, promptTime) + " tokens/s",
                "eval count:           " + eval + " token(s)",
                "eval duration:        " + GoDuration.format(evalTime),
                "eval rate:            " + rate(eval, evalTime) + " tokens/s");
    }

    /** Go's {@code %.2f} of count / seconds. */
    static String rate(int count, Duration time) {
        double value = count / (time.toNanos() / 1e9);
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return "+Inf";
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
