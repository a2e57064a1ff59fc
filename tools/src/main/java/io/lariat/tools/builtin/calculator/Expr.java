package io.lariat.tools.builtin.calculator;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** A parsed calculator expression; {@code toString()} gives the canonical text reported as the interpretation. */
sealed interface Expr permits Expr.Num, Expr.Const, Expr.Neg, Expr.Binary, Expr.Factorial, Expr.Percent,
        Expr.Degrees, Expr.Call {

    /** A decimal literal, taken exactly. */
    record Num(BigDecimal value) implements Expr {
        @Override
        public String toString() {
            return value.toPlainString();
        }
    }

    /** A named constant: pi, e, tau or phi. */
    record Const(String name) implements Expr {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Negation. */
    record Neg(Expr operand) implements Expr {
        @Override
        public String toString() {
            return "-" + operand;
        }
    }

    /** A binary operation: one of {@code + - * / ^ mod}. */
    record Binary(String op, Expr left, Expr right) implements Expr {
        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    /** n! for a non-negative integer n. */
    record Factorial(Expr operand) implements Expr {
        @Override
        public String toString() {
            return operand + "!";
        }
    }

    /** x% = x/100. */
    record Percent(Expr operand) implements Expr {
        @Override
        public String toString() {
            return operand + "%";
        }
    }

    /** An angle in degrees, converted to radians. */
    record Degrees(Expr operand) implements Expr {
        @Override
        public String toString() {
            return operand + "°";
        }
    }

    /** A function call. */
    record Call(String function, List<Expr> args) implements Expr {
        @Override
        public String toString() {
            return function + args.stream().map(Expr::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }
}
