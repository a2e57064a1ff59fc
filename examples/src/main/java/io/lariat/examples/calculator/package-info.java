/** The {@code calculator} example agent; entry type {@link io.lariat.examples.calculator.CalculatorAgent}. */
package io.lariat.examples.calculator;
