package io.lariat.tools.builtin.calculator;

import io.lariat.tools.BuiltinTools;
import io.lariat.tools.Tool;
import io.lariat.tools.ToolParam;

/**
 * The built-in {@code wolfram_alpha} tool answered offline by the exact local {@link Calculator}.
 *
 * <p>Register with {@code ToolRegistry.builder().builtin(new CalculatorTool())}. Thread-safe.
 */
public final class CalculatorTool {

    static final String DESCRIPTION = "Evaluates mathematics exactly: arithmetic, percentages, powers, roots, "
            + "factorials, logarithms and trigonometry, e.g. \"17% of 2,340\" or \"sqrt(2) to 30 digits\".";
    static final String QUERY = "The calculation, as an expression or in words";

    private final Calculator calculator = new Calculator();

    /** Evaluates the query; refuses (as an error result) what it cannot compute exactly or reliably. */
    @Tool(name = BuiltinTools.CALCULATOR, value = DESCRIPTION, idempotent = true)
    public CalculatorAnswer wolframAlpha(@ToolParam(QUERY) String query) {
        return calculator.evaluate(query);
    }
}
