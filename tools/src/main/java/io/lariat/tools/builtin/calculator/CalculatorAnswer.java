package io.lariat.tools.builtin.calculator;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The calculator's answer, written for the model as compact JSON.
 *
 * @param query the query as received
 * @param input how it was understood, as an expression ({@code (17% * 2340)})
 * @param result the value: an exact integer, decimal or fraction, or a correctly rounded approximation
 * @param exact whether {@code result} is the exact value
 * @param decimal for an exact fraction, its decimal expansion to the requested digits (else null)
 * @param note how to read the result when it is not plain (precision, truncation), else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalculatorAnswer(String query, String input, String result, boolean exact, String decimal,
                               String note) {
}
