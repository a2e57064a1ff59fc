package io.lariat.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text exactly as Python's {@code json.dumps(value, ensure_ascii=False, indent=...)} writes it, which is what
 * the HF chat templates' {@code tojson} prints (spec §11.6).
 *
 * <p>Without indent the separators are {@code ", "} and {@code ": "}; with indent every element goes on its own line
 * and items end in {@code ","}. Non-ASCII is kept, key order is kept, floats use Python's repr ({@code 1e-05},
 * {@code 10.0}). Accepts Jackson nodes and plain Java values (maps, collections, strings, numbers, booleans, null).
 * A {@link BigDecimal} (a tool's exact decimal result) is written with all its digits, as simplejson's
 * {@code use_decimal} does, plus {@code .0} when it has no fraction; Python's own json cannot write one at all.
 * The project's one JSON writer: prompts (tool definitions, calls, chat templates) and tools (structured results)
 * both write through it. Stateless.
 */
public final class PythonJson {

    private PythonJson() {
    }

    /** {@code json.dumps(value, ensure_ascii=False)}. */
    public static String dumps(Object value) {
        return dumps(value, -1);
    }

    /** {@code json.dumps(value, ensure_ascii=False, indent=indent)}; a negative indent means none. */
    public static String dumps(Object value, int indent) {
        StringBuilder out = new StringBuilder();
        write(out, value, indent, 0);
        return out.toString();
    }

    /** {@code json.dumps(value)} with Python's defaults: compact separators and non-ASCII escaped as {@code \\uXXXX}. */
    public static String dumpsAscii(Object value) {
        String text = dumps(value);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int indent, int level) {
        Object plain = value instanceof JsonNode node ? JsonNodes.toPlain(node) : value;
        switch (plain) {
            case null -> out.append("null");
            case CharSequence text -> string(out, text.toString());
            case Boolean b -> out.append(b ? "true" : "false");
            case Double d -> out.append(floatRepr(d));
            case Float f -> out.append(floatRepr(f.doubleValue()));
            case BigDecimal d -> out.append(plainDecimal(d));
            case Number n -> out.append(n);
            case Map<?, ?> map -> object(out, map, indent, level);
            case Collection<?> list -> array(out, list.iterator(), list.isEmpty(), indent, level);
            case Object[] array -> array(out, java.util.Arrays.asList(array).iterator(), array.length == 0, indent,
                    level);
            default -> string(out, plain.toString());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, int indent, int level) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            separator(out, first, indent, level + 1);
            first = false;
            string(out, String.valueOf(entry.getKey()));
            out.append(": ");
            write(out, entry.getValue(), indent, level + 1);
        }
        close(out, indent, level);
        out.append('}');
    }

    private static void array(StringBuilder out, Iterator<?> items, boolean empty, int indent, int level) {
        if (empty) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        while (items.hasNext()) {
            separator(out, first, indent, level + 1);
            first = false;
            write(out, items.next(), indent, level + 1);
        }
        close(out, indent, level);
        out.append(']');
    }

    private static void separator(StringBuilder out, boolean first, int indent, int level) {
        if (indent < 0) {
            out.append(first ? "" : ", ");
        } else {
            out.append(first ? "\n" : ",\n").repeat(" ", indent * level);
        }
    }

    private static void close(StringBuilder out, int indent, int level) {
        if (indent >= 0) {
            out.append('\n').repeat(" ", indent * level);
        }
    }

    /** A JSON string literal with Python's escapes: {@code \" \\ \n \r \t \b \f}, other controls as {@code \\u00XX}. */
    public static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String plainDecimal(BigDecimal value) {
        String plain = value.toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, fixed notation for exponents -4..15. */
    public static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        // Java always prints two significant digits; Python prints one when one round-trips (5e-324)
        BigDecimal oneDigit = decimal.round(new java.math.MathContext(1));
        if (decimal.precision() == 2 && oneDigit.doubleValue() == value) {
            decimal = oneDigit.stripTrailingZeros();
        }
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = decimal.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                + Math.abs(exponent);
    }
}
