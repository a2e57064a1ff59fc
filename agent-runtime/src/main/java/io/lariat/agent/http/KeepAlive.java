package io.lariat.agent.http;

import io.lariat.agent.InvalidRequestException;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a model stays loaded after a request, as Ollama's {@code keep_alive} says it: a number of seconds or a Go
 * duration ({@code "5m"}, {@code "1h30m"}, {@code "500ms"}); zero unloads at once, a negative value keeps the model
 * loaded for good.
 *
 * @param duration how long the model stays loaded after its last request; null means forever
 */
public record KeepAlive(Duration duration) {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final KeepAlive FOREVER = new KeepAlive(null);

    /** Whether the model is unloaded as soon as the request is done. */
    public boolean unloadNow() {
        return duration != null && duration.isZero();
    }

    /**
     * The keep-alive of a request, or null when the request has none.
     *
     * @throws InvalidRequestException when the value is neither a number nor a duration
     */
    public static KeepAlive of(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return seconds(value.doubleValue());
        }
        if (!value.isTextual()) {
            throw invalid(value.toString());
        }
        String text = value.textValue().strip();
        try {
            return seconds(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return parse(text);
        }
    }

    private static KeepAlive parse(String text) {
        boolean negative = text.startsWith("-");
        String rest = negative || text.startsWith("+") ? text.substring(1) : text;
        Matcher m = PART.matcher(rest);
        double nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
            end = m.end();
        }
        if (rest.isEmpty() || end != rest.length()) {
            throw invalid("\"" + text + "\"");
        }
        return negative ? FOREVER : new KeepAlive(Duration.ofNanos((long) nanos));
    }

    private static KeepAlive seconds(double seconds) {
        if (Double.isNaN(seconds)) {
            throw invalid("NaN");
        }
        return seconds < 0 ? FOREVER : new KeepAlive(Duration.ofNanos((long) (seconds * 1e9)));
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
    }

    private static InvalidRequestException invalid(String value) {
        return InvalidRequestException.badValue("$.keep_alive", "expected seconds or a duration such as \"5m\", "
                + "got " + value);
    }
}
