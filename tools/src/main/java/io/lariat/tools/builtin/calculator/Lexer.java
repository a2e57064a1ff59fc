package io.lariat.tools.builtin.calculator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits an expression into tokens. Commas between digit groups of three ({@code 2,340}) are thousands
 * separators, except inside the parentheses of a function taking several arguments ({@code gcd(12,144)}).
 */
final class Lexer {

    /** Token kinds. */
    enum Kind { NUMBER, NAME, SYMBOL, END }

    /** One token with its text. */
    record Token(Kind kind, String text) {
    }

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private final Deque<Boolean> argumentParens = new ArrayDeque<>();
    private int pos;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Token> tokenize(String input) {
        Lexer lexer = new Lexer(input);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < input.length()
                    && Character.isDigit(input.charAt(pos + 1)))) {
                tokens.add(new Token(Kind.NUMBER, number()));
            } else if (Character.isLetter(c)) {
                name();
            } else {
                symbol(c);
            }
        }
        tokens.add(new Token(Kind.END, ""));
    }

    private String number() {
        StringBuilder digits = new StringBuilder();
        int groupStart = pos;
        while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
            digits.append(input.charAt(pos++));
        }
        boolean grouping = !Boolean.TRUE.equals(argumentParens.peek()) && pos - groupStart <= 3;
        while (grouping && isThousandsGroup(pos)) {
            digits.append(input, pos + 1, pos + 4);
            pos += 4;
        }
        if (pos < input.length() && input.charAt(pos) == '.') {
            digits.append('.');
            pos++;
            while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
                digits.append(input.charAt(pos++));
            }
        }
        if (pos + 1 < input.length() && (input.charAt(pos) == 'e' || input.charAt(pos) == 'E')) {
            int save = pos;
            StringBuilder exponent = new StringBuilder("e");
            pos++;
            if (input.charAt(pos) == '+' || input.charAt(pos) == '-') {
                exponent.append(input.charAt(pos++));
            }
            if (pos < input.length() && Character.isDigit(input.charAt(pos))) {
                while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
                    exponent.append(input.charAt(pos++));
                }
                digits.append(exponent);
            } else {
                pos = save;
            }
        }
        return digits.toString();
    }

    private boolean isThousandsGroup(int at) {
        return at + 3 < input.length() && input.charAt(at) == ','
                && Character.isDigit(input.charAt(at + 1)) && Character.isDigit(input.charAt(at + 2))
                && Character.isDigit(input.charAt(at + 3))
                && (at + 4 == input.length() || !Character.isDigit(input.charAt(at + 4)));
    }

    private void name() {
        int start = pos;
        while (pos < input.length() && (Character.isLetterOrDigit(input.charAt(pos)) || input.charAt(pos) == '_')) {
            pos++;
        }
        tokens.add(new Token(Kind.NAME, input.substring(start, pos).toLowerCase()));
    }

    private void symbol(char c) {
        String text = switch (c) {
            case '×', '·', '∙' -> "*";
            case '÷' -> "/";
            case '−', '–' -> "-";
            case 'π' -> "pi";
            case '*' -> pos + 1 < input.length() && input.charAt(pos + 1) == '*' ? "^" : "*";
            case '+', '-', '/', '^', '(', ')', ',', '!', '%', '°' -> String.valueOf(c);
            case '[', '{' -> "(";
            case ']', '}' -> ")";
            case '√' -> "sqrt";
            default -> throw new CalculationException("cannot evaluate: unexpected character '" + c + "'");
        };
        pos += text.equals("^") && c == '*' ? 2 : 1;
        if (text.equals("(")) {
            Token previous = tokens.isEmpty() ? null : tokens.getLast();
            argumentParens.push(previous != null && previous.kind() == Kind.NAME
                    && Functions.takesSeveral(previous.text()));
        } else if (text.equals(")") && !argumentParens.isEmpty()) {
            argumentParens.pop();
        }
        Kind kind = text.equals("pi") || text.equals("sqrt") ? Kind.NAME : Kind.SYMBOL;
        tokens.add(new Token(kind, text));
    }
}
