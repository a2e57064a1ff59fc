package io.lariat.prompts;

import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Python's {@code str} methods on strings inside chat templates ({@code s.startswith('x')}, {@code s.strip()},
 * {@code s.split(',')}...), which Jinja templates call freely and Java's {@code String} lacks. Resolves only those
 * method calls on strings and leaves everything else to the next resolver. Stateless.
 */
final class PythonStringMethods extends ELResolver {

    private static final Set<String> METHODS = Set.of("startswith", "endswith", "upper", "lower", "strip", "lstrip",
            "rstrip", "split", "replace", "title", "capitalize", "find", "count", "join", "splitlines");

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String text) || !(method instanceof String name) || !METHODS.contains(name)) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        context.setPropertyResolved(true);
        return switch (name) {
            case "startswith" -> anyPrefix(text, args[0], true);
            case "endswith" -> anyPrefix(text, args[0], false);
            case "upper" -> text.toUpperCase(Locale.ROOT);
            case "lower" -> text.toLowerCase(Locale.ROOT);
            case "strip" -> rstrip(lstrip(text, arg(args, 0)), arg(args, 0));
            case "lstrip" -> lstrip(text, arg(args, 0));
            case "rstrip" -> rstrip(text, arg(args, 0));
            case "split" -> split(text, arg(args, 0), args.length > 1 ? ((Number) args[1]).intValue() : -1);
            case "replace" -> text.replace(String.valueOf(args[0]), String.valueOf(args[1]));
            case "title" -> title(text);
            case "capitalize" -> text.isEmpty() ? text
                    : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1).toLowerCase(Locale.ROOT);
            case "find" -> (long) text.indexOf(String.valueOf(args[0]));
            case "count" -> count(text, String.valueOf(args[0]));
            case "join" -> join(text, args[0]);
            default -> List.of(text.split("\r\n|\r|\n", -1));
        };
    }

    private static String arg(Object[] args, int index) {
        return args.length > index && args[index] != null ? String.valueOf(args[index]) : null;
    }

    private static boolean anyPrefix(String text, Object candidates, boolean start) {
        Collection<?> options = candidates instanceof Collection<?> c ? c : List.of(String.valueOf(candidates));
        for (Object option : options) {
            String affix = String.valueOf(option);
            if (start ? text.startsWith(affix) : text.endsWith(affix)) {
                return true;
            }
        }
        return false;
    }

    /** Python strips whitespace, or the given characters. */
    private static boolean stripped(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) || Character.isSpaceChar(c) : chars.indexOf(c) >= 0;
    }

    private static String lstrip(String text, String chars) {
        int start = 0;
        while (start < text.length() && stripped(text.charAt(start), chars)) {
            start++;
        }
        return text.substring(start);
    }

    private static String rstrip(String text, String chars) {
        int end = text.length();
        while (end > 0 && stripped(text.charAt(end - 1), chars)) {
            end--;
        }
        return text.substring(0, end);
    }

    /** {@code str.split()}: on whitespace runs without empties, or on an exact separator, at most {@code max} times. */
    private static List<String> split(String text, String separator, int max) {
        List<String> parts = new ArrayList<>();
        if (separator == null) {
            String rest = lstrip(text, null);
            while (!rest.isEmpty() && (max < 0 || parts.size() < max)) {
                int end = 0;
                while (end < rest.length() && !stripped(rest.charAt(end), null)) {
                    end++;
                }
                parts.add(rest.substring(0, end));
                rest = lstrip(rest.substring(end), null);
            }
            if (!rest.isEmpty()) {
                parts.add(rest);
            }
            return parts;
        }
        int from = 0;
        int at;
        while ((max < 0 || parts.size() < max) && (at = text.indexOf(separator, from)) >= 0) {
            parts.add(text.substring(from, at));
            from = at + separator.length();
        }
        parts.add(text.substring(from));
        return parts;
    }

    private static String title(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean previousLetter = false;
        for (char c : text.toCharArray()) {
            out.append(previousLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousLetter = Character.isLetter(c);
        }
        return out.toString();
    }

    private static long count(String text, String part) {
        if (part.isEmpty()) {
            return text.length() + 1L;
        }
        long n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private static String join(String separator, Object items) {
        List<String> parts = new ArrayList<>();
        if (items instanceof Iterable<?> iterable) {
            iterable.forEach(item -> parts.add(String.valueOf(item)));
        } else if (items instanceof Object[] array) {
            Arrays.stream(array).forEach(item -> parts.add(String.valueOf(item)));
        }
        return String.join(separator, parts);
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // not a property resolver: leaves every assignment to the next resolver
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
