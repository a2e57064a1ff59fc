package io.lariat.tools.builtin.calculator;

import io.lariat.tools.builtin.calculator.QueryForms.DecimalPlaces;
import io.lariat.tools.builtin.calculator.QueryForms.DigitAt;
import io.lariat.tools.builtin.calculator.QueryForms.Precision;
import io.lariat.tools.builtin.calculator.QueryForms.Significant;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** How numbers are shown: plain decimals where readable, {@code 1.2345e+30} otherwise. Stateless. */
final class Presentation {

    private Presentation() {
    }

    /** The digits of a value that the precision request asks for. */
    static String show(Real value, Precision precision) {
        BigDecimal v = value.decimal(new MathContext(Math.max(64, needed(value, precision)), RoundingMode.HALF_EVEN));
        return switch (precision) {
            case Significant s -> significant(v.round(new MathContext(s.digits(), RoundingMode.HALF_EVEN)),
                    s.digits());
            case DecimalPlaces d -> v.setScale(d.places(), RoundingMode.HALF_EVEN).toPlainString();
            case DigitAt d -> v.abs().movePointRight(d.index()).setScale(0, RoundingMode.FLOOR)
                    .remainder(BigDecimal.TEN).toPlainString();
        };
    }

    private static int needed(Real value, Precision precision) {
        int magnitude = value instanceof Real.Approx a ? Math.max(0, a.value().precision() - a.value().scale()) : 0;
        return switch (precision) {
            case Significant s -> s.digits() + 5;
            case DecimalPlaces d -> magnitude + d.places() + 5;
            case DigitAt d -> magnitude + d.index() + 5;
        };
    }

    /** A value already rounded to {@code digits} significant digits, without trailing zeros. */
    static String significant(BigDecimal rounded, int digits) {
        BigDecimal v = rounded.stripTrailingZeros();
        if (v.signum() == 0) {
            return "0";
        }
        int exponent = v.precision() - v.scale() - 1;
        if (exponent >= -7 && exponent < Math.max(digits, 21)) {
            return v.toPlainString();
        }
        String unscaled = v.unscaledValue().abs().toString();
        String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        return (v.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }

    static String describe(Precision precision) {
        return switch (precision) {
            case Significant s -> "approximate, correct to " + s.digits() + " significant digits";
            case DecimalPlaces d -> "approximate, rounded to " + d.places() + " decimal places";
            case DigitAt d -> "digit " + d.index() + " after the decimal point";
        };
    }
}
