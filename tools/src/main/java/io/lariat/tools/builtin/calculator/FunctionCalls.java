package io.lariat.tools.builtin.calculator;

import io.lariat.tools.builtin.calculator.Real.Approx;
import io.lariat.tools.builtin.calculator.Real.Exact;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/** The calculator's functions: exact at rational points (sin 0, ln 1, log2 1024, gcd), otherwise approximate. */
final class FunctionCalls {

    private static final BigDecimal EXP_LIMIT = BigDecimal.valueOf(100_000_000);

    private final Evaluator ev;
    private final MathContext mc;

    FunctionCalls(Evaluator ev) {
        this.ev = ev;
        this.mc = ev.mc();
    }

    Real call(String name, List<Real> args) {
        Real x = args.getFirst();
        return switch (name) {
            case "sqrt" -> root(BigInteger.TWO, x);
            case "cbrt" -> root(BigInteger.valueOf(3), x);
            case "root" -> root(positiveInteger(x, "root degree"), args.get(1));
            case "exp" -> exp(x);
            case "ln" -> log(null, x);
            case "log" -> args.size() == 1 ? log(Exact.of(10), x) : log(x, args.get(1));
            case "log2" -> log(Exact.of(2), x);
            case "log10" -> log(Exact.of(10), x);
            case "sin", "cos", "tan", "sinh", "cosh", "tanh" -> Trigonometry.direct(name, x, ev);
            case "asin", "acos", "atan" -> Trigonometry.inverse(name, x, ev);
            case "abs" -> x.signum() < 0 ? ev.negate(x) : x;
            case "floor", "ceil" -> rounded(x, 0, name.equals("floor") ? RoundingMode.FLOOR : RoundingMode.CEILING);
            case "round" -> rounded(x, args.size() == 1 ? 0 : positiveInteger(args.get(1), "digits").intValueExact(),
                    RoundingMode.HALF_UP);
            case "factorial" -> ev.factorial(x);
            case "gcd" -> Exact.of(integer(x, "gcd").gcd(integer(args.get(1), "gcd")));
            case "lcm" -> lcm(integer(x, "lcm"), integer(args.get(1), "lcm"));
            case "mod" -> ev.binary("mod", x, args.get(1));
            case "binomial" -> binomial(integer(x, "binomial"), integer(args.get(1), "binomial"));
            case "max", "min" -> extreme(args, name.equals("max"));
            case "pow" -> Powers.power(x, args.get(1), ev);
            default -> throw new CalculationException("cannot evaluate: unknown function '" + name + "'");
        };
    }

    private Real root(BigInteger degree, Real x) {
        if (x.signum() < 0 && !degree.testBit(0)) {
            throw new CalculationException("cannot evaluate: an even root of a negative number is not a real number");
        }
        if (x instanceof Exact e) {
            Exact exact = Powers.exactRoot(e, degree);
            if (exact != null) {
                return exact;
            }
        }
        if (degree.equals(BigInteger.TWO)) {
            return new Approx(x.decimal(BigMath.working(mc)).sqrt(mc));
        }
        return Powers.power(x, new Exact(BigInteger.ONE, degree), ev);
    }

    private Real exp(Real x) {
        if (x.signum() == 0) {
            return Exact.of(1);
        }
        BigDecimal value = x.decimal(BigMath.working(mc));
        if (value.abs().compareTo(EXP_LIMIT) > 0) {
            throw new CalculationException("cannot evaluate: exp of " + value.round(new MathContext(6))
                    + " is out of range");
        }
        return new Approx(BigMath.exp(value, mc));
    }

    /** Logarithm to an exact base (null = natural), exact when x is an integer power of the base. */
    private Real log(Real base, Real x) {
        if (x.signum() <= 0) {
            throw new CalculationException("cannot evaluate: the logarithm of zero or a negative number is undefined");
        }
        if (base != null && (base.signum() <= 0 || base.equals(Exact.of(1)))) {
            throw new CalculationException("cannot evaluate: a logarithm base must be positive and not 1");
        }
        if (x.equals(Exact.of(1))) {
            return Exact.of(0);
        }
        if (base instanceof Exact b && x instanceof Exact e) {
            Exact exact = exactLog(b, e);
            if (exact != null) {
                return exact;
            }
        }
        MathContext w = BigMath.working(mc);
        BigDecimal lnX = BigMath.ln(x.decimal(w), w);
        return base == null ? new Approx(lnX.round(mc))
                : new Approx(lnX.divide(BigMath.ln(base.decimal(w), w), mc));
    }

    private static Exact exactLog(Exact base, Exact x) {
        double estimate = (Math.log(x.num().doubleValue()) - Math.log(x.den().doubleValue()))
                / (Math.log(base.num().doubleValue()) - Math.log(base.den().doubleValue()));
        if (!Double.isFinite(estimate) || Math.abs(estimate) > 100_000) {
            return null;
        }
        long k = Math.round(estimate);
        Exact power = new Exact(base.num().pow((int) Math.abs(k)), base.den().pow((int) Math.abs(k)));
        Exact candidate = k >= 0 ? power : new Exact(power.den(), power.num());
        return candidate.equals(x) ? Exact.of(k) : null;
    }

    private Real rounded(Real x, int scale, RoundingMode mode) {
        if (x instanceof Exact e) {
            BigInteger factor = BigInteger.TEN.pow(scale);
            BigDecimal scaled = new BigDecimal(e.num().multiply(factor)).divide(new BigDecimal(e.den()), 0, mode);
            return new Exact(scaled.toBigIntegerExact(), factor);
        }
        return new Approx(x.decimal(mc).setScale(scale, mode));
    }

    private static BigInteger integer(Real x, String function) {
        if (x instanceof Exact e && e.isInteger()) {
            return e.num();
        }
        throw new CalculationException("cannot evaluate: " + function + " needs integers");
    }

    private static BigInteger positiveInteger(Real x, String what) {
        BigInteger value = integer(x, what);
        if (value.signum() < 0 || value.bitLength() > 20) {
            throw new CalculationException("cannot evaluate: " + what + " must be a small non-negative integer");
        }
        return value;
    }

    private static Real lcm(BigInteger a, BigInteger b) {
        if (a.signum() == 0 || b.signum() == 0) {
            return Exact.of(0);
        }
        return Exact.of(a.multiply(b).abs().divide(a.gcd(b)));
    }

    private static Real binomial(BigInteger n, BigInteger k) {
        if (n.signum() < 0 || k.signum() < 0 || k.compareTo(n) > 0) {
            throw new CalculationException("cannot evaluate: binomial(n, k) needs 0 <= k <= n");
        }
        if (n.bitLength() > 20) {
            throw new CalculationException("cannot evaluate: binomial argument " + n + " is too large");
        }
        int kk = Math.min(k.intValue(), n.intValue() - k.intValue());
        BigInteger result = BigInteger.ONE;
        for (int i = 1; i <= kk; i++) {
            result = result.multiply(n.subtract(BigInteger.valueOf(kk - i))).divide(BigInteger.valueOf(i));
        }
        return Exact.of(result);
    }

    private Real extreme(List<Real> args, boolean max) {
        Real best = args.getFirst();
        for (Real candidate : args.subList(1, args.size())) {
            int cmp = ev.add(candidate, ev.negate(best)).signum();
            if (max ? cmp > 0 : cmp < 0) {
                best = candidate;
            }
        }
        return best;
    }
}
