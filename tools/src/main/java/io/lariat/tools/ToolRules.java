package io.lariat.tools;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Registration rules for a tool's name, description and timeout. Stateless. */
final class ToolRules {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private ToolRules() {
    }

    static void checkHeader(String where, String name, Tool tool, boolean builtin) {
        if (!NAME.matcher(name).matches()) {
            throw new ToolDefinitionException(where, "tool name '" + name
                    + "' must be 1 to 64 letters, digits, '_' or '-'");
        }
        if (tool.value().isBlank()) {
            throw new ToolDefinitionException(where, "tool '" + name + "' needs a description (@Tool value)");
        }
        if (builtin && !BuiltinTools.NAMES.contains(name)) {
            throw new ToolDefinitionException(where, "built-in tool name '" + name + "' must be one of "
                    + String.join(", ", BuiltinTools.NAMES.stream().sorted().toList()));
        }
        if (!builtin && BuiltinTools.NAMES.contains(name)) {
            throw new ToolDefinitionException(where, "tool name '" + name
                    + "' is reserved for a built-in tool; register it with builtin(...)");
        }
    }

    /** Parses {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or an ISO-8601 duration. */
    static Duration parseTimeout(String where, String text) {
        Matcher m = SHORT_DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        Duration parsed;
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            parsed = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } else {
            try {
                parsed = Duration.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new ToolDefinitionException(where, "timeout '" + text
                        + "' is not a duration such as 500ms, 10s, 2m or PT30S");
            }
        }
        if (!parsed.isPositive()) {
            throw new ToolDefinitionException(where, "timeout '" + text + "' must be positive");
        }
        return parsed;
    }
}
