package io.lariat.tools.builtin.calculator;

import io.lariat.tools.builtin.calculator.Real.Approx;
import io.lariat.tools.builtin.calculator.Real.Exact;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/** Powers and roots, exact whenever the result is rational (2^100, 27^(1/3), (4/9)^(3/2)). Stateless. */
final class Powers {

    /** Exact results are refused beyond this size (about 100,000 decimal digits). */
    static final long MAX_EXACT_BITS = 332_200;

    /** Results beyond e^(10^8) in magnitude are refused. */
    private static final BigDecimal MAX_LOG = BigDecimal.valueOf(100_000_000);

    private Powers() {
    }

    static Real power(Real base, Real exponent, Evaluator ev) {
        if (exponent instanceof Exact e) {
            if (e.isInteger()) {
                return integerPower(base, e.num(), ev);
            }
            if (base instanceof Exact b) {
                Exact root = exactRoot(b, e.den());
                if (root != null) {
                    return integerPower(root, e.num(), ev);
                }
            }
            if (base.signum() < 0 && e.den().testBit(0)) {
                // an odd root of a negative number is real: (-x)^(p/q) = (-1)^p · x^(p/q)
                Real magnitude = approxPower(ev.negate(base), exponent, ev);
                return e.num().testBit(0) ? ev.negate(magnitude) : magnitude;
            }
        }
        if (base.signum() == 0) {
            if (exponent.signum() > 0) {
                return Exact.of(0);
            }
            throw new CalculationException("cannot evaluate: zero to a non-positive power is undefined");
        }
        if (base.signum() < 0) {
            throw new CalculationException("cannot evaluate: a negative number to a non-integer power is not a "
                    + "real number");
        }
        return approxPower(base, exponent, ev);
    }

    private static Real approxPower(Real base, Real exponent, Evaluator ev) {
        MathContext w = BigMath.working(ev.mc());
        BigDecimal logarithm = BigMath.ln(base.decimal(w), w).multiply(exponent.decimal(w), w);
        if (logarithm.abs().compareTo(MAX_LOG) > 0) {
            throw new CalculationException("cannot evaluate: the result is too large or too small to represent");
        }
        return new Approx(BigMath.exp(logarithm, ev.mc()));
    }

    static Real integerPower(Real base, BigInteger exponent, Evaluator ev) {
        if (base.signum() == 0) {
            if (exponent.signum() < 0) {
                throw new CalculationException("cannot evaluate: division by zero");
            }
            return Exact.of(exponent.signum() == 0 ? 1 : 0);
        }
        if (base instanceof Exact b && isUnitMagnitude(b)) {
            return b.signum() > 0 || !exponent.testBit(0) ? Exact.of(1) : Exact.of(-1);
        }
        if (base instanceof Exact b && exponent.bitLength() <= 31 && (long) Math.abs(exponent.intValue())
                * (b.num().bitLength() + b.den().bitLength()) <= MAX_EXACT_BITS) {
            int n = Math.abs(exponent.intValue());
            Exact power = new Exact(b.num().pow(n), b.den().pow(n));
            return exponent.signum() >= 0 ? power : new Exact(power.den(), power.num());
        }
        // too large to hold exactly: approximate |base|^n and restore the sign of an odd power of a negative base
        Real magnitude = approxPower(base.signum() < 0 ? ev.negate(base) : base, Exact.of(exponent), ev);
        return base.signum() < 0 && exponent.testBit(0) ? ev.negate(magnitude) : magnitude;
    }

    private static boolean isUnitMagnitude(Exact b) {
        return b.den().equals(BigInteger.ONE) && b.num().abs().compareTo(BigInteger.ONE) <= 0;
    }

    /** The exact q-th root of a rational, or null when it is irrational (or q is huge). */
    static Exact exactRoot(Exact value, BigInteger q) {
        if (q.compareTo(BigInteger.valueOf(1000)) > 0) {
            return null;
        }
        int n = q.intValue();
        if (value.signum() < 0 && n % 2 == 0) {
            return null;
        }
        BigInteger num = BigMath.integerRoot(value.num().abs(), n);
        BigInteger den = BigMath.integerRoot(value.den(), n);
        if (!num.pow(n).equals(value.num().abs()) || !den.pow(n).equals(value.den())) {
            return null;
        }
        return new Exact(value.signum() < 0 ? num.negate() : num, den);
    }
}
