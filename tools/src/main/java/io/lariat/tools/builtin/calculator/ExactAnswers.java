package io.lariat.tools.builtin.calculator;

import io.lariat.tools.builtin.calculator.QueryForms.DecimalPlaces;
import io.lariat.tools.builtin.calculator.QueryForms.DigitAt;
import io.lariat.tools.builtin.calculator.QueryForms.Precision;
import io.lariat.tools.builtin.calculator.QueryForms.Significant;
import io.lariat.tools.builtin.calculator.Real.Exact;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/** Answers for exact rational values: integers and terminating decimals in full, other fractions as p/q. */
final class ExactAnswers {

    /** Exact values longer than this are shown rounded, with a note giving their length. */
    static final int MAX_SHOWN_DIGITS = 2000;

    private ExactAnswers() {
    }

    static CalculatorAnswer answer(String query, String input, Exact value, Precision precision) {
        return switch (precision) {
            case Significant s -> significant(query, input, value, s.digits());
            case DecimalPlaces d -> {
                BigDecimal rounded = new BigDecimal(value.num()).divide(new BigDecimal(value.den()), d.places(),
                        RoundingMode.HALF_EVEN);
                boolean exact = Real.Exact.of(rounded).equals(value);
                yield new CalculatorAnswer(query, input, rounded.toPlainString(), exact, null,
                        exact ? null : "rounded to " + d.places() + " decimal places from the exact value "
                                + fraction(value));
            }
            case DigitAt d -> {
                BigInteger shifted = value.num().abs().multiply(BigInteger.TEN.pow(d.index())).divide(value.den());
                yield new CalculatorAnswer(query, input, shifted.mod(BigInteger.TEN).toString(), true, null,
                        "digit " + d.index() + " after the decimal point");
            }
        };
    }

    private static CalculatorAnswer significant(String query, String input, Exact value, int digits) {
        BigDecimal terminating = terminating(value);
        String full = terminating != null ? terminating.toPlainString() : fraction(value);
        if (full.length() <= MAX_SHOWN_DIGITS) {
            String decimal = terminating != null ? null
                    : Presentation.significant(value.decimal(new MathContext(digits, RoundingMode.HALF_EVEN)), digits);
            return new CalculatorAnswer(query, input, full, true, decimal, null);
        }
        String rounded = Presentation.significant(value.decimal(new MathContext(digits, RoundingMode.HALF_EVEN)),
                digits);
        String length = value.isInteger() ? "the exact integer has " + value.num().abs().toString().length()
                + " digits" : "the exact value is too long to show";
        return new CalculatorAnswer(query, input, rounded, false, null, length + "; shown to " + digits
                + " significant digits");
    }

    /** The exact decimal of a rational whose denominator has only the prime factors 2 and 5, else null. */
    private static BigDecimal terminating(Exact value) {
        BigInteger den = value.den();
        int twos = den.getLowestSetBit();
        den = den.shiftRight(twos);
        BigInteger five = BigInteger.valueOf(5);
        while (den.mod(five).signum() == 0) {
            den = den.divide(five);
        }
        if (!den.equals(BigInteger.ONE)) {
            return null;
        }
        return new BigDecimal(value.num()).divide(new BigDecimal(value.den()));
    }

    private static String fraction(Exact value) {
        return value.isInteger() ? value.num().toString() : value.num() + "/" + value.den();
    }
}
