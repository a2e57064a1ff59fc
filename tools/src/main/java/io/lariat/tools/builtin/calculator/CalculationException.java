package io.lariat.tools.builtin.calculator;

import io.lariat.tools.ToolException;

/**
 * The calculator cannot answer a query: it does not understand it, the value is undefined, or it cannot be
 * computed within limits. The message says which, for the model.
 */
public final class CalculationException extends ToolException {

    /** Creates the exception with a message such as {@code cannot evaluate: division by zero}. */
    public CalculationException(String message) {
        super(message);
    }
}
