package io.lariat.tools.builtin.calculator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CalculatorTest {

    private final Calculator calculator = new Calculator();

    static Stream<Arguments> exactCases() {
        return Stream.of(
                Arguments.of("0.1 + 0.2", "0.3"),
                Arguments.of("2^100", "1267650600228229401496703205376"),
                Arguments.of("1e20 + 1 - 1e20", "1"),
                Arguments.of("100!", "93326215443944152681699238856266700490715968264381621468592963895217599993229915"
                        + "608941463976156518286253697920827223758251185210916864000000000000000000000000"),
                Arguments.of("what is 1234 * 5678", "7006652"),
                Arguments.of("17% of 2,340", "397.8"),
                Arguments.of("What is 17 percent of 2,340?", "397.8"),
                Arguments.of("200 + 10%", "220"),
                Arguments.of("200 - 10%", "180"),
                Arguments.of("50 is what percent of 200", "25"),
                Arguments.of("2 to the power of 10", "1024"),
                Arguments.of("3 squared plus 4 squared", "25"),
                Arguments.of("sqrt(144)", "12"),
                Arguments.of("square root of 2.25", "1.5"),
                Arguments.of("cube root of 27", "3"),
                Arguments.of("4th root of 81", "3"),
                Arguments.of("27^(1/3)", "3"),
                Arguments.of("(4/9)^(3/2)", "8/27"),
                Arguments.of("(-8)^(1/3)", "-2"),
                Arguments.of("-2^2", "-4"),
                Arguments.of("2^3^2", "512"),
                Arguments.of("2^-2", "0.25"),
                Arguments.of("10 factorial", "3628800"),
                Arguments.of("log2(1024)", "10"),
                Arguments.of("log(1000)", "3"),
                Arguments.of("log base 3 of 81", "4"),
                Arguments.of("ln(1)", "0"),
                Arguments.of("sin(0)", "0"),
                Arguments.of("gcd(12,144)", "12"),
                Arguments.of("lcm(4, 6)", "12"),
                Arguments.of("binomial(52, 5)", "2598960"),
                Arguments.of("17 mod 5", "2"),
                Arguments.of("-7 mod 3", "2"),
                Arguments.of("2(3+4)", "14"),
                Arguments.of("12 × 3 ÷ 4", "9"),
                Arguments.of("round(2.5)", "3"),
                Arguments.of("floor(-2.5)", "-3"),
                Arguments.of("max(3, 9, 4)", "9"),
                Arguments.of("1,000,000 / 8", "125000"),
                Arguments.of("0.1 * 3", "0.3"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("exactCases")
    void exactArithmetic(String query, String expected) {
        CalculatorAnswer answer = calculator.evaluate(query);
        assertEquals(expected, answer.result());
        assertEquals(true, answer.exact());
    }

    static Stream<Arguments> approximateCases() {
        return Stream.of(
                Arguments.of("sqrt(2) to 30 digits", "1.41421356237309504880168872421"),
                Arguments.of("pi", "3.1415926535897932385"),
                Arguments.of("first 50 digits of pi", "3.1415926535897932384626433832795028841971693993751"),
                Arguments.of("e", "2.7182818284590452354"),
                Arguments.of("exp(1) to 40 digits", "2.718281828459045235360287471352662497757"),
                Arguments.of("ln(2)", "0.69314718055994530942"),
                Arguments.of("log(2)", "0.30102999566398119521"),
                Arguments.of("sin(30 degrees)", "0.5"),
                Arguments.of("cos(pi/3)", "0.5"),
                Arguments.of("tan(pi/4)", "1"),
                Arguments.of("atan(1) * 4", "3.1415926535897932385"),
                Arguments.of("asin(1)", "1.5707963267948966192"),
                Arguments.of("sin(1)", "0.84147098480789650665"),
                Arguments.of("2^0.5", "1.4142135623730950488"),
                Arguments.of("sqrt(2)^2", "2"),
                Arguments.of("exp(100)", "2.6881171418161354484e+43"),
                Arguments.of("cosh(1)", "1.5430806348152437785"),
                Arguments.of("pi to 5 decimal places", "3.14159"),
                Arguments.of("ln(10^-30)", "-69.077552789821370521"),
                Arguments.of("(1 + 1e-30)^(1e30)", "2.7182818284590452354"),
                Arguments.of("3^1000000", "1.797710116675743838e+477121"),
                Arguments.of("(-2)^1000001", "-1.9801312458591796501e+301030"));
    }

    @ParameterizedTest(name = "{0} ≈ {1}")
    @MethodSource("approximateCases")
    void approximationsAreCorrectlyRounded(String query, String expected) {
        CalculatorAnswer answer = calculator.evaluate(query);
        assertEquals(expected, answer.result());
        assertEquals(false, answer.exact());
    }

    static Stream<Arguments> highPrecisionCases() throws IOException {
        try (InputStream in = CalculatorTest.class.getResourceAsStream("/calculator/high-precision.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split(" \\| "))
                    .map(parts -> Arguments.of(parts[0], parts[1])).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("highPrecisionCases")
    void highPrecisionMatchesIndependentReference(String query, String expected) {
        assertEquals(expected, calculator.evaluate(query).result());
    }

    @Test
    void hundredthDecimalOfPi() {
        assertEquals(new CalculatorAnswer("100th decimal of pi", "pi", "9", false, null,
                "digit 100 after the decimal point"), calculator.evaluate("100th decimal of pi"));
    }

    @Test
    void fractionReportsExactValueAndDecimal() {
        assertEquals(new CalculatorAnswer("1/3", "1 / 3", "1/3", true, "0.33333333333333333333", null),
                calculator.evaluate("1/3"));
    }

    @Test
    void percentAnswerShowsInterpretation() {
        assertEquals(new CalculatorAnswer("17% of 2,340", "17% * 2340", "397.8", true, null, null),
                calculator.evaluate("17% of 2,340"));
    }

    @Test
    void sinOfPiIsZeroWithinStatedBound() {
        CalculatorAnswer answer = calculator.evaluate("sin(pi)");
        assertEquals("0", answer.result());
        assertEquals(false, answer.exact());
        assertEquals("the value is zero to within 1e-215 (it may be exactly zero)", answer.note());
    }

    @Test
    void hugeExactIntegerIsShownRoundedWithItsLength() {
        CalculatorAnswer answer = calculator.evaluate("2^10000");
        assertEquals("1.9950631168807583849e+3010", answer.result());
        assertEquals("the exact integer has 3011 digits; shown to 20 significant digits", answer.note());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("1/0", "cannot evaluate: division by zero"),
                Arguments.of("sqrt(-1)", "cannot evaluate: an even root of a negative number is not a real number"),
                Arguments.of("ln(0)", "cannot evaluate: the logarithm of zero or a negative number is undefined"),
                Arguments.of("2.5!", "cannot evaluate: factorial needs a non-negative integer"),
                Arguments.of("100000!", "cannot evaluate: factorial of 100000 is too large (limit 5000!)"),
                Arguments.of("10^10^10", "cannot evaluate: the result is too large or too small to represent"),
                Arguments.of("population of France", "cannot evaluate: unknown name 'population'"),
                Arguments.of("2 +", "cannot evaluate: expected a number but found end of input"),
                Arguments.of("(1 + 2", "cannot evaluate: expected ')' but found end of input"),
                Arguments.of("asin(2)", "cannot evaluate: asin is defined only on [-1, 1]"),
                Arguments.of("2 $ 3", "cannot evaluate: unexpected character '$'"),
                Arguments.of("(-1)^(1/2)", "cannot evaluate: a negative number to a non-integer power is not a real "
                        + "number"),
                Arguments.of("pi to 5000 digits", "cannot evaluate: precision must be between 1 and 1000 digits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void saysWhenItCannotAnswer(String query, String message) {
        CalculationException e = assertThrows(CalculationException.class, () -> calculator.evaluate(query));
        assertEquals(message, e.getMessage());
    }
}
