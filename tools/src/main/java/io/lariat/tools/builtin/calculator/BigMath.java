package io.lariat.tools.builtin.calculator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Elementary functions on {@link BigDecimal} to a requested precision: pi, exp, ln, sin, cos, atan.
 *
 * <p>Each works at a few guard digits above {@code mc} and rounds once at the end; the caller checks digits by
 * re-evaluating at a higher precision (see {@link Calculator}). Loops check for interruption, so an abandoned
 * evaluation stops. Thread-safe; the only state is a cache of π.
 */
final class BigMath {

    private static final int GUARD = 10;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    /** π at the highest precision computed so far; benign race: any published value is correct. */
    private static volatile BigDecimal cachedPi;

    private BigMath() {
    }

    static MathContext working(MathContext mc) {
        return new MathContext(mc.getPrecision() + GUARD, RoundingMode.HALF_EVEN);
    }

    /** π by Machin's formula, 16·atan(1/5) − 4·atan(1/239); the most precise value so far is kept for reuse. */
    static BigDecimal pi(MathContext mc) {
        BigDecimal cached = cachedPi;
        if (cached != null && cached.precision() >= mc.getPrecision() + GUARD) {
            return cached.round(mc);
        }
        int scale = mc.getPrecision() + GUARD;
        BigInteger unity = BigInteger.TEN.pow(scale);
        BigInteger scaled = atanInverse(5, unity).shiftLeft(4).subtract(atanInverse(239, unity).shiftLeft(2));
        BigDecimal computed = new BigDecimal(scaled, scale);
        cachedPi = computed;
        return computed.round(mc);
    }

    /**
     * atan(1/n)·unity by its Taylor series in fixed-point integers: every step divides by a small integer, which
     * costs linear time, so π to thousands of digits takes milliseconds.
     */
    private static BigInteger atanInverse(int n, BigInteger unity) {
        BigInteger n2 = BigInteger.valueOf((long) n * n);
        BigInteger power = unity.divide(BigInteger.valueOf(n));
        BigInteger sum = power;
        for (int k = 1; power.signum() != 0; k++) {
            checkInterrupted();
            power = power.divide(n2);
            BigInteger term = power.divide(BigInteger.valueOf(2L * k + 1));
            sum = k % 2 == 1 ? sum.subtract(term) : sum.add(term);
        }
        return sum;
    }

    /** e^x: halve x until small, sum the series, square back. */
    static BigDecimal exp(BigDecimal x, MathContext mc) {
        if (x.signum() == 0) {
            return BigDecimal.ONE;
        }
        // halve until |r| < 1/16 so the series converges fast; each squaring back costs ~0.3 digits, hence the guard
        int halvings = x.abs().toBigInteger().bitLength() + 4;
        MathContext w = new MathContext(mc.getPrecision() + GUARD + halvings, RoundingMode.HALF_EVEN);
        BigDecimal r = x.divide(TWO.pow(halvings), w);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(w.getPrecision() + 2);
        for (int k = 1; term.abs().compareTo(epsilon) > 0; k++) {
            checkInterrupted();
            term = term.multiply(r, w).divide(BigDecimal.valueOf(k), w);
            sum = sum.add(term, w);
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, w);
        }
        return sum.round(mc);
    }

    /** Natural logarithm of x &gt; 0: x = m·10^k, m reduced toward 1 by square roots, then the atanh series. */
    static BigDecimal ln(BigDecimal x, MathContext mc) {
        if (x.signum() <= 0) {
            throw new ArithmeticException("logarithm of a non-positive number");
        }
        int k = x.precision() - x.scale() - 1;
        BigDecimal m = x.movePointLeft(k);
        int roots = 0;
        MathContext w = new MathContext(mc.getPrecision() + GUARD + 8, RoundingMode.HALF_EVEN);
        BigDecimal limit = new BigDecimal("0.001");
        while (m.subtract(BigDecimal.ONE).abs().compareTo(limit) > 0) {
            m = m.sqrt(w);
            roots++;
        }
        BigDecimal lnM = atanhSeries(m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), w), w)
                .multiply(TWO).multiply(TWO.pow(roots));
        BigDecimal result = k == 0 ? lnM : lnM.add(ln10(w).multiply(BigDecimal.valueOf(k)), w);
        return result.round(mc);
    }

    /** ln 10 = 3·ln 2 + ln 1.25 with ln 2 = 2·atanh(1/3) and ln 1.25 = 2·atanh(1/9). */
    private static BigDecimal ln10(MathContext w) {
        BigDecimal ln2 = atanhSeries(BigDecimal.ONE.divide(BigDecimal.valueOf(3), w), w).multiply(TWO);
        BigDecimal ln125 = atanhSeries(BigDecimal.ONE.divide(BigDecimal.valueOf(9), w), w).multiply(TWO);
        return ln2.multiply(BigDecimal.valueOf(3)).add(ln125, w);
    }

    private static BigDecimal atanhSeries(BigDecimal z, MathContext w) {
        BigDecimal z2 = z.multiply(z, w);
        BigDecimal power = z;
        BigDecimal sum = z;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(w.getPrecision() + 2);
        for (int k = 1; power.abs().compareTo(epsilon) > 0; k++) {
            checkInterrupted();
            power = power.multiply(z2, w);
            sum = sum.add(power.divide(BigDecimal.valueOf(2L * k + 1), w), w);
        }
        return sum;
    }

    /** sin x, after reducing x into [−π, π]. */
    static BigDecimal sin(BigDecimal x, MathContext mc) {
        MathContext w = reductionContext(x, mc);
        BigDecimal r = reduce(x, w);
        return series(r, r, 1, w).round(mc);
    }

    /** cos x, after reducing x into [−π, π]. */
    static BigDecimal cos(BigDecimal x, MathContext mc) {
        MathContext w = reductionContext(x, mc);
        BigDecimal r = reduce(x, w);
        return series(r, BigDecimal.ONE, 0, w).round(mc);
    }

    /** Taylor series of sin (first = x, start = 1) or cos (first = 1, start = 0). */
    private static BigDecimal series(BigDecimal x, BigDecimal first, int start, MathContext w) {
        BigDecimal x2 = x.multiply(x, w);
        BigDecimal term = first;
        BigDecimal sum = first;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(w.getPrecision() + 2);
        for (int n = start; term.abs().compareTo(epsilon) > 0 || n < start + 4; n += 2) {
            checkInterrupted();
            term = term.multiply(x2, w).divide(BigDecimal.valueOf((long) (n + 1) * (n + 2)), w).negate();
            sum = sum.add(term, w);
        }
        return sum;
    }

    private static MathContext reductionContext(BigDecimal x, MathContext mc) {
        int magnitude = Math.max(0, x.precision() - x.scale());
        return new MathContext(mc.getPrecision() + GUARD + magnitude, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal reduce(BigDecimal x, MathContext w) {
        BigDecimal twoPi = pi(w).multiply(TWO);
        BigDecimal turns = x.divide(twoPi, w).setScale(0, RoundingMode.HALF_EVEN);
        return x.subtract(twoPi.multiply(turns), w);
    }

    /** atan x: fold |x| &gt; 1 onto 1/x, halve the angle until small, then the Taylor series. */
    static BigDecimal atan(BigDecimal x, MathContext mc) {
        MathContext w = working(mc);
        if (x.abs().compareTo(BigDecimal.ONE) > 0) {
            BigDecimal halfPi = pi(w).divide(TWO, w);
            BigDecimal inner = atan(BigDecimal.ONE.divide(x, w), w);
            return (x.signum() > 0 ? halfPi.subtract(inner) : halfPi.negate().subtract(inner)).round(mc);
        }
        int halvings = 0;
        BigDecimal r = x;
        BigDecimal small = new BigDecimal("0.01");
        while (r.abs().compareTo(small) > 0) {
            r = r.divide(BigDecimal.ONE.add(BigDecimal.ONE.add(r.multiply(r, w)).sqrt(w)), w);
            halvings++;
        }
        BigDecimal r2 = r.multiply(r, w);
        BigDecimal power = r;
        BigDecimal sum = r;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(w.getPrecision() + 2);
        for (int k = 1; power.abs().compareTo(epsilon) > 0; k++) {
            checkInterrupted();
            power = power.multiply(r2, w).negate();
            sum = sum.add(power.divide(BigDecimal.valueOf(2L * k + 1), w), w);
        }
        return sum.multiply(TWO.pow(halvings)).round(mc);
    }

    /** The integer n-th root of a non-negative integer, rounded down (Newton's method). */
    static BigInteger integerRoot(BigInteger value, int n) {
        if (value.signum() == 0 || n == 1) {
            return value;
        }
        BigInteger nBig = BigInteger.valueOf(n);
        BigInteger x = BigInteger.ONE.shiftLeft(value.bitLength() / n + 1);
        while (true) {
            checkInterrupted();
            BigInteger next = x.multiply(nBig.subtract(BigInteger.ONE)).add(value.divide(x.pow(n - 1))).divide(nBig);
            if (next.compareTo(x) >= 0) {
                return x;
            }
            x = next;
        }
    }

    static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CalculationException("evaluation was interrupted");
        }
    }
}
