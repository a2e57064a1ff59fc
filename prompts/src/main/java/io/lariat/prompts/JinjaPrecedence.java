package io.lariat.prompts;

/**
 * Makes Jinja's precedence of {@code not} explicit before Jinjava parses a template.
 *
 * <p>In Jinja, {@code not} binds looser than comparisons, filters and tests ({@code not a|length == 1} is
 * {@code not ((a|length) == 1)}), but Jinjava binds it like a unary operator, so the official Llama 3.1 template's
 * {@code not message.tool_calls|length == 1} fails there. This rewrite wraps the operand of every logical {@code not}
 * in parentheses, up to the next {@code and}, {@code or}, {@code if}, {@code else}, comma or closing bracket at the
 * same depth, which is exactly Jinja's reading; {@code is not} and {@code not in} are left alone. Only the inside of
 * {@code {{ }}} and {@code {% %}} tags is touched, and string literals are skipped. Stateless.
 */
final class JinjaPrecedence {

    private JinjaPrecedence() {
    }

    static String parenthesizeNot(String source) {
        StringBuilder out = new StringBuilder(source.length() + 16);
        int i = 0;
        while (i < source.length()) {
            int open = nextTag(source, i);
            if (open < 0) {
                out.append(source, i, source.length());
                break;
            }
            String close = source.charAt(open + 1) == '{' ? "}}" : "%}";
            int end = tagEnd(source, open + 2, close);
            out.append(source, i, open + 2).append(rewrite(source.substring(open + 2, end)));
            i = end;
        }
        return out.toString();
    }

    private static int nextTag(String source, int from) {
        int expression = source.indexOf("{{", from);
        int statement = source.indexOf("{%", from);
        if (expression < 0 || statement < 0) {
            return Math.max(expression, statement);
        }
        return Math.min(expression, statement);
    }

    /** The offset of the closing delimiter, skipping string literals; the end of the source when unclosed. */
    private static int tagEnd(String source, int from, String close) {
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                i = stringEnd(source, i);
            } else if (source.startsWith(close, i)) {
                return i;
            }
        }
        return source.length();
    }

    private static int stringEnd(String text, int quoteAt) {
        char quote = text.charAt(quoteAt);
        for (int i = quoteAt + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == quote) {
                return i;
            }
        }
        return text.length() - 1;
    }

    /** Rewrites the inside of one tag, innermost {@code not} last, so nested ones are wrapped too. */
    private static String rewrite(String tag) {
        String text = tag;
        int from = 0;
        while (true) {
            int at = logicalNot(text, from);
            if (at < 0) {
                return text;
            }
            int operandStart = at + 3;
            while (operandStart < text.length() && Character.isWhitespace(text.charAt(operandStart))) {
                operandStart++;
            }
            int operandEnd = operandEnd(text, operandStart);
            while (operandEnd > operandStart && Character.isWhitespace(text.charAt(operandEnd - 1))) {
                operandEnd--;
            }
            text = text.substring(0, at + 3) + " (" + text.substring(operandStart, operandEnd) + ")"
                    + text.substring(operandEnd);
            from = at + 3;
        }
    }

    /** The next {@code not} keyword outside strings that is neither {@code is not} nor {@code not in}. */
    private static int logicalNot(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = stringEnd(text, i);
            } else if (isWordAt(text, i, "not") && !previousWord(text, i).equals("is")
                    && !nextWord(text, i + 3).equals("in")) {
                return i;
            }
        }
        return -1;
    }

    private static int operandEnd(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = stringEnd(text, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth-- == 0) {
                    return i;
                }
            } else if (depth == 0 && (c == ',' || isWordAt(text, i, "and") || isWordAt(text, i, "or")
                    || isWordAt(text, i, "if") || isWordAt(text, i, "else"))) {
                return i;
            }
        }
        return text.length();
    }

    private static boolean isWordAt(String text, int i, String word) {
        return text.startsWith(word, i) && (i == 0 || !isWordChar(text.charAt(i - 1)))
                && (i + word.length() == text.length() || !isWordChar(text.charAt(i + word.length())));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private static String previousWord(String text, int before) {
        int end = before;
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && isWordChar(text.charAt(start - 1))) {
            start--;
        }
        return text.substring(start, end);
    }

    private static String nextWord(String text, int from) {
        int start = from;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }
}
