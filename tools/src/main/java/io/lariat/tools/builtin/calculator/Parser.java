package io.lariat.tools.builtin.calculator;

import io.lariat.tools.builtin.calculator.Lexer.Kind;
import io.lariat.tools.builtin.calculator.Lexer.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for calculator expressions.
 *
 * <p>Precedence, lowest first: {@code + -}; {@code * / mod} and implicit multiplication ({@code 2pi}); unary
 * minus; {@code ^} (right-associative, so {@code -2^2 = -4} and {@code 2^3^2 = 512}); postfix {@code ! % °}.
 * {@code Y + X%} means Y increased by X percent. A function name followed by an operand without parentheses
 * applies to that operand ({@code sqrt 2}).
 */
final class Parser {

    private static final Set<String> DEGREE_WORDS = Set.of("deg", "degree", "degrees");

    private final List<Token> tokens;
    private int pos;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Expr parse(String expression) {
        Parser parser = new Parser(Lexer.tokenize(expression));
        if (parser.peek().kind() == Kind.END) {
            throw new CalculationException("cannot evaluate: the query has no expression");
        }
        Expr expr = parser.additive();
        if (parser.peek().kind() != Kind.END) {
            throw new CalculationException("cannot evaluate: unexpected '" + parser.peek().text() + "'");
        }
        return expr;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private boolean accept(String text) {
        if (peek().kind() != Kind.END && peek().text().equals(text) && peek().kind() != Kind.NUMBER) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String text) {
        if (!accept(text)) {
            String found = peek().kind() == Kind.END ? "end of input" : "'" + peek().text() + "'";
            throw new CalculationException("cannot evaluate: expected '" + text + "' but found " + found);
        }
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (true) {
            String op = accept("+") ? "+" : accept("-") ? "-" : null;
            if (op == null) {
                return left;
            }
            Expr right = multiplicative();
            // "Y + X%" is Y changed by X percent, the convention of every desk calculator
            left = right instanceof Expr.Percent
                    ? new Expr.Binary("*", left, new Expr.Binary(op, new Expr.Num(BigDecimal.ONE), right))
                    : new Expr.Binary(op, left, right);
        }
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (true) {
            if (accept("*")) {
                left = new Expr.Binary("*", left, unary());
            } else if (accept("/")) {
                left = new Expr.Binary("/", left, unary());
            } else if (accept("mod")) {
                left = new Expr.Binary("mod", left, unary());
            } else if (startsOperand()) {
                left = new Expr.Binary("*", left, power());
            } else {
                return left;
            }
        }
    }

    private boolean startsOperand() {
        Token t = peek();
        return t.kind() == Kind.NUMBER || (t.kind() == Kind.NAME && !t.text().equals("mod")
                && !DEGREE_WORDS.contains(t.text())) || (t.kind() == Kind.SYMBOL && t.text().equals("("));
    }

    private Expr unary() {
        if (accept("-")) {
            return new Expr.Neg(unary());
        }
        if (accept("+")) {
            return unary();
        }
        return power();
    }

    private Expr power() {
        Expr base = postfix();
        if (accept("^")) {
            return new Expr.Binary("^", base, unary());
        }
        return base;
    }

    private Expr postfix() {
        Expr expr = primary();
        while (true) {
            if (accept("!")) {
                expr = new Expr.Factorial(expr);
            } else if (accept("%")) {
                expr = new Expr.Percent(expr);
            } else if (accept("°") || DEGREE_WORDS.stream().anyMatch(this::accept)) {
                expr = new Expr.Degrees(expr);
            } else {
                return expr;
            }
        }
    }

    private Expr primary() {
        Token t = peek();
        if (t.kind() == Kind.NUMBER) {
            pos++;
            return new Expr.Num(new BigDecimal(t.text()));
        }
        if (accept("(")) {
            Expr inner = additive();
            expect(")");
            return inner;
        }
        if (t.kind() == Kind.NAME) {
            pos++;
            return named(t.text());
        }
        String found = t.kind() == Kind.END ? "end of input" : "'" + t.text() + "'";
        throw new CalculationException("cannot evaluate: expected a number but found " + found);
    }

    private Expr named(String rawName) {
        String name = Functions.canonical(rawName);
        if (Functions.CONSTANTS.contains(name)) {
            return new Expr.Const(name);
        }
        int[] arity = Functions.ARITY.get(name);
        if (arity == null) {
            throw new CalculationException("cannot evaluate: unknown name '" + rawName + "'");
        }
        List<Expr> args = new ArrayList<>();
        if (accept("(")) {
            do {
                args.add(additive());
            } while (accept(","));
            expect(")");
        } else {
            args.add(power());
        }
        if (args.size() < arity[0] || args.size() > arity[1]) {
            throw new CalculationException("cannot evaluate: " + name + " takes "
                    + (arity[0] == arity[1] ? String.valueOf(arity[0]) : arity[0] + " to " + arity[1])
                    + " argument" + (arity[1] == 1 ? "" : "s") + ", got " + args.size());
        }
        return new Expr.Call(name, List.copyOf(args));
    }
}
