/**
 * The built-in {@code wolfram_alpha} tool: an exact local calculator
 * ({@link io.lariat.tools.builtin.calculator.Calculator}) and the optional Wolfram Alpha backend. Entry types:
 * {@link io.lariat.tools.builtin.calculator.CalculatorTool},
 * {@link io.lariat.tools.builtin.calculator.WolframAlphaTool}.
 */
package io.lariat.tools.builtin.calculator;
