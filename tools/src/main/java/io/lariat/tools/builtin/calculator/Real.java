package io.lariat.tools.builtin.calculator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * A calculator value: an exact rational, or an approximation carrying the working precision it was computed at.
 *
 * <p>Operations on exact values stay exact; any operation touching an approximation yields an approximation.
 */
sealed interface Real permits Real.Exact, Real.Approx {

    /** The value as a decimal to the given precision. */
    BigDecimal decimal(MathContext mc);

    /** The sign: -1, 0 or 1. */
    int signum();

    /**
     * An exact rational num/den in lowest terms with den &gt; 0.
     *
     * @param num numerator
     * @param den denominator, positive
     */
    record Exact(BigInteger num, BigInteger den) implements Real {

        /** Normalises sign and common factors. */
        public Exact {
            if (den.signum() == 0) {
                throw new CalculationException("cannot evaluate: division by zero");
            }
            if (den.signum() < 0) {
                num = num.negate();
                den = den.negate();
            }
            BigInteger gcd = num.gcd(den);
            if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
                num = num.divide(gcd);
                den = den.divide(gcd);
            }
        }

        static Exact of(BigInteger value) {
            return new Exact(value, BigInteger.ONE);
        }

        static Exact of(long value) {
            return of(BigInteger.valueOf(value));
        }

        static Exact of(BigDecimal value) {
            return value.scale() <= 0 ? of(value.toBigIntegerExact())
                    : new Exact(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
        }

        boolean isInteger() {
            return den.equals(BigInteger.ONE);
        }

        @Override
        public BigDecimal decimal(MathContext mc) {
            return new BigDecimal(num).divide(new BigDecimal(den), mc);
        }

        @Override
        public int signum() {
            return num.signum();
        }
    }

    /**
     * An approximation.
     *
     * @param value the computed value
     */
    record Approx(BigDecimal value) implements Real {
        @Override
        public BigDecimal decimal(MathContext mc) {
            return value.round(mc);
        }

        @Override
        public int signum() {
            return value.signum();
        }
    }
}
