package io.lariat.tools.builtin.calculator;

import io.lariat.tools.builtin.calculator.Real.Approx;
import io.lariat.tools.builtin.calculator.Real.Exact;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Evaluates an {@link Expr} at one working precision. Rational operations stay exact; irrational ones
 * (constants, roots of non-powers, transcendental functions) give approximations at {@code mc}.
 *
 * <p>One instance per evaluation; not thread-safe.
 */
final class Evaluator {

    /** Factorials beyond this are refused rather than computed (5000! has 16,326 digits). */
    static final int MAX_FACTORIAL = 5000;

    private final MathContext mc;

    Evaluator(MathContext mc) {
        this.mc = mc;
    }

    Real eval(Expr expr) {
        BigMath.checkInterrupted();
        return switch (expr) {
            case Expr.Num n -> Exact.of(n.value());
            case Expr.Const c -> constant(c.name());
            case Expr.Neg n -> negate(eval(n.operand()));
            case Expr.Binary b -> binary(b.op(), eval(b.left()), eval(b.right()));
            case Expr.Factorial f -> factorial(eval(f.operand()));
            case Expr.Percent p -> divide(eval(p.operand()), Exact.of(100));
            case Expr.Degrees d -> degrees(eval(d.operand()));
            case Expr.Call c -> new FunctionCalls(this).call(c.function(), c.args().stream().map(this::eval)
                    .toList());
        };
    }

    MathContext mc() {
        return mc;
    }

    private Real constant(String name) {
        return switch (name) {
            case "pi" -> new Approx(BigMath.pi(mc));
            case "tau" -> new Approx(BigMath.pi(mc).multiply(BigDecimal.TWO, mc));
            case "e" -> new Approx(BigMath.exp(BigDecimal.ONE, mc));
            default -> new Approx(BigDecimal.ONE.add(BigDecimal.valueOf(5).sqrt(mc)).divide(BigDecimal.TWO, mc));
        };
    }

    Real negate(Real value) {
        return value instanceof Exact e ? new Exact(e.num().negate(), e.den()) : new Approx(
                ((Approx) value).value().negate());
    }

    Real binary(String op, Real a, Real b) {
        return switch (op) {
            case "+" -> add(a, b);
            case "-" -> add(a, negate(b));
            case "*" -> multiply(a, b);
            case "/" -> divide(a, b);
            case "^" -> Powers.power(a, b, this);
            default -> modulo(a, b);
        };
    }

    Real add(Real a, Real b) {
        if (a instanceof Exact x && b instanceof Exact y) {
            return new Exact(x.num().multiply(y.den()).add(y.num().multiply(x.den())), x.den().multiply(y.den()));
        }
        return new Approx(a.decimal(mc).add(b.decimal(mc), mc));
    }

    Real multiply(Real a, Real b) {
        if (a instanceof Exact x && b instanceof Exact y) {
            return new Exact(x.num().multiply(y.num()), x.den().multiply(y.den()));
        }
        if (a.signum() == 0 && a instanceof Exact || b.signum() == 0 && b instanceof Exact) {
            return Exact.of(0);
        }
        return new Approx(a.decimal(mc).multiply(b.decimal(mc), mc));
    }

    Real divide(Real a, Real b) {
        if (b.signum() == 0) {
            throw new CalculationException("cannot evaluate: division by zero");
        }
        if (a instanceof Exact x && b instanceof Exact y) {
            return new Exact(x.num().multiply(y.den()), x.den().multiply(y.num()));
        }
        return new Approx(a.decimal(mc).divide(b.decimal(mc), mc));
    }

    private Real modulo(Real a, Real b) {
        if (b.signum() == 0) {
            throw new CalculationException("cannot evaluate: modulo by zero");
        }
        Real quotient = divide(a, b);
        Real floor = quotient instanceof Exact q ? Exact.of(floorDiv(q.num(), q.den()))
                : new Approx(quotient.decimal(mc).setScale(0, RoundingMode.FLOOR));
        return add(a, negate(multiply(b, floor)));
    }

    static BigInteger floorDiv(BigInteger num, BigInteger den) {
        BigInteger[] qr = num.divideAndRemainder(den);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    Real factorial(Real value) {
        if (!(value instanceof Exact e) || !e.isInteger() || e.signum() < 0) {
            throw new CalculationException("cannot evaluate: factorial needs a non-negative integer");
        }
        if (e.num().compareTo(BigInteger.valueOf(MAX_FACTORIAL)) > 0) {
            throw new CalculationException("cannot evaluate: factorial of " + e.num() + " is too large (limit "
                    + MAX_FACTORIAL + "!)");
        }
        BigInteger result = BigInteger.ONE;
        for (int i = 2; i <= e.num().intValueExact(); i++) {
            result = result.multiply(BigInteger.valueOf(i));
        }
        return Exact.of(result);
    }

    private Real degrees(Real value) {
        if (value.signum() == 0) {
            return Exact.of(0);
        }
        return new Approx(value.decimal(mc).multiply(BigMath.pi(mc), mc).divide(BigDecimal.valueOf(180), mc));
    }
}
