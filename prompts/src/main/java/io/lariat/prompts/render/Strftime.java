package io.lariat.prompts.render;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Python's {@code strftime} for the directives chat templates use: {@code %d %m %Y %y %B %b %A %a %H %I %M %S %p %j
 * %e %%}; any other directive is written as it is. English names, as in the C locale. Stateless.
 */
public final class Strftime {

    private Strftime() {
    }

    /** Formats a time with a strftime pattern. */
    public static String format(String pattern, ZonedDateTime time) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                out.append(c);
                continue;
            }
            char directive = pattern.charAt(++i);
            out.append(switch (directive) {
                case 'd' -> two(time.getDayOfMonth());
                case 'e' -> String.format("%2d", time.getDayOfMonth());
                case 'm' -> two(time.getMonthValue());
                case 'Y' -> String.valueOf(time.getYear());
                case 'y' -> two(time.getYear() % 100);
                case 'B' -> time.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'b' -> time.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'A' -> time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'a' -> time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'H' -> two(time.getHour());
                case 'I' -> two(time.getHour() % 12 == 0 ? 12 : time.getHour() % 12);
                case 'M' -> two(time.getMinute());
                case 'S' -> two(time.getSecond());
                case 'p' -> time.getHour() < 12 ? "AM" : "PM";
                case 'j' -> String.format("%03d", time.getDayOfYear());
                case '%' -> "%";
                default -> "%" + directive;
            });
        }
        return out.toString();
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }
}
