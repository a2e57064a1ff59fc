package io.lariat.tools.builtin.calculator;

import io.lariat.tools.builtin.calculator.QueryForms.DecimalPlaces;
import io.lariat.tools.builtin.calculator.QueryForms.DigitAt;
import io.lariat.tools.builtin.calculator.QueryForms.Precision;
import io.lariat.tools.builtin.calculator.QueryForms.Request;
import io.lariat.tools.builtin.calculator.QueryForms.Significant;
import io.lariat.tools.builtin.calculator.Real.Exact;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The local exact calculator behind {@code wolfram_alpha}: arbitrary-precision rational arithmetic, powers, roots,
 * factorials, percentages, logarithms and trigonometry, with the plain-language forms models write.
 *
 * <p>Rational results are exact ({@code 0.1 + 0.2 = 0.3}, {@code 2^100}, {@code 100!}). Irrational results are
 * computed at increasing precision until two evaluations agree on every digit shown, so a reported digit is never
 * a floating-point artefact; when they never agree, the calculator says it cannot answer (a value indistinguishable
 * from zero is reported as such, with the bound). Stateless and thread-safe.
 */
public final class Calculator {

    /** Guard digits spent at most on refinement beyond the first evaluation. */
    private static final int EXTRA_DIGITS_LIMIT = 400;

    /** Largest magnitude (in digits) added to the working precision for decimal-place requests. */
    private static final int MAX_MAGNITUDE_DIGITS = 1200;

    /**
     * Evaluates a query.
     *
     * @throws CalculationException when the query is not understood or the value cannot be determined
     */
    public CalculatorAnswer evaluate(String query) {
        Request request = QueryForms.interpret(query);
        Expr expr = Parser.parse(request.expression());
        String input = stripOuterParentheses(expr.toString());
        try {
            return answer(query, input, expr, request.precision());
        } catch (ArithmeticException e) {
            throw new CalculationException("cannot evaluate: " + e.getMessage());
        }
    }

    private CalculatorAnswer answer(String query, String input, Expr expr, Precision precision) {
        int working = switch (precision) {
            case Significant s -> s.digits() + 10;
            case DecimalPlaces d -> d.places() + 20;
            case DigitAt d -> d.index() + 20;
        };
        Real value = new Evaluator(context(working)).eval(expr);
        if (value instanceof Exact exact) {
            return ExactAnswers.answer(query, input, exact, precision);
        }
        if (!(precision instanceof Significant)) {
            working += Math.min(magnitude(value), MAX_MAGNITUDE_DIGITS);
        }
        String shown = Presentation.show(value, precision);
        // refine in steps of 1.5x up to a bounded limit: agreement on every shown digit means the digits are settled
        int limit = Math.max(2 * working, working + EXTRA_DIGITS_LIMIT);
        while (working < limit) {
            working = Math.min(limit, working * 3 / 2 + 10);
            Real refined = new Evaluator(context(working)).eval(expr);
            String again = Presentation.show(refined, precision);
            if (again.equals(shown)) {
                return new CalculatorAnswer(query, input, shown, false, null, Presentation.describe(precision));
            }
            shown = again;
            value = refined;
        }
        return indistinguishable(query, input, value, working);
    }

    private static CalculatorAnswer indistinguishable(String query, String input, Real value, int working) {
        BigDecimal bound = BigDecimal.ONE.movePointLeft(working / 2);
        if (value.decimal(context(working)).abs().compareTo(bound) < 0) {
            return new CalculatorAnswer(query, input, "0", false, null, "the value is zero to within 1e-"
                    + working / 2 + " (it may be exactly zero)");
        }
        throw new CalculationException("cannot evaluate: the requested digits could not be determined reliably");
    }

    private static int magnitude(Real value) {
        BigDecimal d = value.decimal(MathContext.DECIMAL64);
        return Math.max(0, d.precision() - d.scale());
    }

    private static MathContext context(int digits) {
        return new MathContext(digits, RoundingMode.HALF_EVEN);
    }

    private static String stripOuterParentheses(String text) {
        if (!text.startsWith("(") || !text.endsWith(")")) {
            return text;
        }
        int depth = 0;
        for (int i = 0; i < text.length() - 1; i++) {
            depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
            if (depth == 0) {
                return text;
            }
        }
        return text.substring(1, text.length() - 1);
    }
}
