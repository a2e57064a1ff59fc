package io.lariat.tools.builtin.calculator;

import io.lariat.tools.builtin.calculator.Real.Approx;
import io.lariat.tools.builtin.calculator.Real.Exact;
import java.math.BigDecimal;
import java.math.MathContext;

/** Circular and hyperbolic functions (radians) and their inverses, exact only at zero. Stateless. */
final class Trigonometry {

    private Trigonometry() {
    }

    static Real direct(String name, Real x, Evaluator ev) {
        if (x.signum() == 0 && x instanceof Exact) {
            return Exact.of(name.startsWith("cos") ? 1 : 0);
        }
        MathContext w = BigMath.working(ev.mc());
        BigDecimal v = x.decimal(w);
        BigDecimal result = switch (name) {
            case "sin" -> BigMath.sin(v, w);
            case "cos" -> BigMath.cos(v, w);
            case "tan" -> tan(v, w);
            default -> hyperbolic(name, v, w);
        };
        return new Approx(result.round(ev.mc()));
    }

    private static BigDecimal tan(BigDecimal v, MathContext w) {
        BigDecimal cos = BigMath.cos(v, w);
        if (cos.signum() == 0) {
            throw new CalculationException("cannot evaluate: tan is undefined at odd multiples of pi/2");
        }
        return BigMath.sin(v, w).divide(cos, w);
    }

    private static BigDecimal hyperbolic(String name, BigDecimal v, MathContext w) {
        if (v.abs().compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            throw new CalculationException("cannot evaluate: " + name + " argument is out of range");
        }
        BigDecimal ePlus = BigMath.exp(v, w);
        BigDecimal eMinus = BigDecimal.ONE.divide(ePlus, w);
        return switch (name) {
            case "sinh" -> ePlus.subtract(eMinus).divide(BigDecimal.TWO, w);
            case "cosh" -> ePlus.add(eMinus).divide(BigDecimal.TWO, w);
            default -> ePlus.subtract(eMinus).divide(ePlus.add(eMinus), w);
        };
    }

    static Real inverse(String name, Real x, Evaluator ev) {
        MathContext w = BigMath.working(ev.mc());
        if (name.equals("atan")) {
            return x.signum() == 0 && x instanceof Exact ? Exact.of(0)
                    : new Approx(BigMath.atan(x.decimal(w), w).round(ev.mc()));
        }
        BigDecimal v = x.decimal(w);
        if (v.abs().compareTo(BigDecimal.ONE) > 0) {
            throw new CalculationException("cannot evaluate: " + name + " is defined only on [-1, 1]");
        }
        if (name.equals("asin") && x.signum() == 0 && x instanceof Exact) {
            return Exact.of(0);
        }
        if (name.equals("acos") && x.equals(Exact.of(1))) {
            return Exact.of(0);
        }
        BigDecimal halfPi = BigMath.pi(w).divide(BigDecimal.TWO, w);
        BigDecimal asin = v.abs().compareTo(BigDecimal.ONE) == 0 ? halfPi.multiply(BigDecimal.valueOf(v.signum()))
                : BigMath.atan(v.divide(BigDecimal.ONE.subtract(v.multiply(v, w)).sqrt(w), w), w);
        return new Approx((name.equals("asin") ? asin : halfPi.subtract(asin)).round(ev.mc()));
    }
}
