package io.lariat.prompts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A cursor over Python call syntax: identifiers, keyword-argument lists and literal values (spec §9.3).
 *
 * <p>Not thread-safe; one instance reads one text. Every read either advances past what it read or throws
 * {@link MalformedCallException}; string literals are always skipped as a whole, so brackets inside them never count.
 */
final class PythonSyntax {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Deeper nesting than this is not a plausible call; refusing it keeps recursion bounded on garbage. */
    private static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;

    PythonSyntax(String text, int pos) {
        this.text = text;
        this.pos = pos;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        skipWhitespace();
        return pos >= text.length();
    }

    void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    /** Consumes {@code c} (after whitespace) when it is next. */
    boolean tryConsume(char c) {
        skipWhitespace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!tryConsume(c)) {
            throw new MalformedCallException("expected '" + c + "'", pos);
        }
    }

    /** Reads a name: a letter or underscore, then letters, digits, underscores and, when allowed, dots and hyphens. */
    String identifier(boolean dotsAndHyphens) {
        skipWhitespace();
        int start = pos;
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
            while (pos < text.length() && isNamePart(text.charAt(pos), dotsAndHyphens)) {
                pos++;
            }
        }
        if (pos == start) {
            throw new MalformedCallException("expected a name", pos);
        }
        return text.substring(start, pos);
    }

    private static boolean isNamePart(char c, boolean dotsAndHyphens) {
        return Character.isLetterOrDigit(c) || c == '_' || (dotsAndHyphens && (c == '.' || c == '-'));
    }

    /** Reads {@code k=v, ...)} after an opening parenthesis, consuming the closing one; positional args are refused. */
    ObjectNode keywordArguments() {
        ObjectNode arguments = JSON.objectNode();
        while (!tryConsume(')')) {
            String key = identifier(false);
            if (!tryConsume('=')) {
                throw new MalformedCallException("argument '" + key + "' is not a keyword argument", pos);
            }
            arguments.set(key, value(0));
            if (!tryConsume(',')) {
                expect(')');
                break;
            }
        }
        return arguments;
    }

    /** Reads one literal: string, number, True/False/None (or JSON's spellings), list or dict. */
    JsonNode value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new MalformedCallException("nesting deeper than " + MAX_DEPTH, pos);
        }
        skipWhitespace();
        if (pos >= text.length()) {
            throw new MalformedCallException("expected a value but the text ended", pos);
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '"', '\'' -> JSON.textNode(string());
            case '[' -> list(depth);
            case '{' -> dict(depth);
            default -> c == '-' || c == '+' || c == '.' || Character.isDigit(c) ? number() : keyword();
        };
    }

    private JsonNode keyword() {
        String word = identifier(false);
        return switch (word) {
            case "True", "true" -> JSON.booleanNode(true);
            case "False", "false" -> JSON.booleanNode(false);
            case "None", "null" -> JSON.nullNode();
            default -> throw new MalformedCallException("'" + word + "' is not a literal value", pos);
        };
    }

    private ArrayNode list(int depth) {
        pos++;
        ArrayNode array = JSON.arrayNode();
        while (!tryConsume(']')) {
            array.add(value(depth + 1));
            if (!tryConsume(',')) {
                expect(']');
                break;
            }
        }
        return array;
    }

    private ObjectNode dict(int depth) {
        pos++;
        ObjectNode object = JSON.objectNode();
        while (!tryConsume('}')) {
            JsonNode key = value(depth + 1);
            if (!key.isValueNode() || key.isNull()) {
                throw new MalformedCallException("dict key must be a string or number", pos);
            }
            expect(':');
            object.set(key.asText(), value(depth + 1));
            if (!tryConsume(',')) {
                expect('}');
                break;
            }
        }
        return object;
    }

    private JsonNode number() {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        boolean integral = true;
        while (pos < text.length() && isNumberPart(text.charAt(pos))) {
            char c = text.charAt(pos);
            integral &= Character.isDigit(c);
            boolean exponentSign = (c == 'e' || c == 'E') && pos + 1 < text.length()
                    && (text.charAt(pos + 1) == '-' || text.charAt(pos + 1) == '+');
            pos += exponentSign ? 2 : 1;
        }
        String literal = text.substring(start, pos);
        try {
            return integral ? integer(new BigInteger(literal)) : JSON.numberNode(new BigDecimal(literal).doubleValue());
        } catch (NumberFormatException e) {
            throw new MalformedCallException("'" + literal + "' is not a number", start);
        }
    }

    private static boolean isNumberPart(char c) {
        return Character.isDigit(c) || c == '.' || c == 'e' || c == 'E';
    }

    /** Keeps integers integral and in the smallest node type, as Jackson does when it reads JSON. */
    private static JsonNode integer(BigInteger value) {
        if (value.bitLength() < 32) {
            return JSON.numberNode(value.intValue());
        }
        return value.bitLength() < 64 ? JSON.numberNode(value.longValue()) : JSON.numberNode(value);
    }

    /** Reads a single- or double-quoted string with Python's escapes; an unknown escape keeps its backslash. */
    String string() {
        char quote = text.charAt(pos++);
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
            } else if (pos < text.length()) {
                escape(out);
            }
        }
        throw new MalformedCallException("unterminated string", pos);
    }

    private void escape(StringBuilder out) {
        char e = text.charAt(pos++);
        switch (e) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case '0' -> out.append('\0');
            case '\\', '\'', '"' -> out.append(e);
            case '\n' -> { }
            case 'u' -> out.append((char) hex(4));
            case 'x' -> out.append((char) hex(2));
            default -> out.append('\\').append(e);
        }
    }

    private int hex(int digits) {
        if (pos + digits > text.length()) {
            throw new MalformedCallException("truncated escape", pos);
        }
        try {
            int value = Integer.parseInt(text.substring(pos, pos + digits), 16);
            pos += digits;
            return value;
        } catch (NumberFormatException e) {
            throw new MalformedCallException("bad hex escape", pos);
        }
    }
}
