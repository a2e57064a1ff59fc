package io.lariat.tools.builtin.calculator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The calculator understands arithmetic as people type it, so a model only has to copy the user's phrase. */
class NaturalPhrasesTest {

    private final Calculator calculator = new Calculator();

    static Stream<Arguments> phrases() {
        return Stream.of(
                Arguments.of("3 to the power of 7", "2187"),
                Arguments.of("3 raised to the 7th power", "2187"),
                Arguments.of("square root of 2025", "45"),
                Arguments.of("the square root of 2025?", "45"),
                Arguments.of("multiply 36 by 14", "504"),
                Arguments.of("Multiply 36 and 14", "504"),
                Arguments.of("6.5 times 3", "19.5"),
                Arguments.of("12 factorial", "479001600"),
                Arguments.of("factorial of 12", "479001600"),
                Arguments.of("add 250, 375 and 125", "750"),
                Arguments.of("add 250 and 375", "625"),
                Arguments.of("add 7 to 35", "42"),
                Arguments.of("sum of 250, 375, and 125", "750"),
                Arguments.of("the sum of 4 and 5", "9"),
                Arguments.of("8% of 450", "36"),
                Arguments.of("what's 8 percent of 450", "36"),
                Arguments.of("subtract 45 from 100", "55"),
                Arguments.of("take 45 away from 100", "55"),
                Arguments.of("divide 144 by 12", "12"),
                Arguments.of("144 divided by 12", "12"),
                Arguments.of("the product of 6 and 7", "42"),
                Arguments.of("product of 2, 3 and 4", "24"),
                Arguments.of("the difference between 100 and 45", "55"),
                Arguments.of("average of 3, 5 and 10", "6"),
                Arguments.of("the mean of 2, 4, 6 and 8", "5"),
                Arguments.of("half of 90", "45"),
                Arguments.of("double 21", "42"),
                Arguments.of("twice 21", "42"),
                Arguments.of("12 squared", "144"),
                Arguments.of("how much is 1,200 minus 350", "850"),
                Arguments.of("what is 17 plus 25", "42"),
                Arguments.of("can you calculate 36 x 14 for me", "504"),
                Arguments.of("what's 9 x 9?", "81"),
                Arguments.of("3的7次方", "2187"),
                Arguments.of("2025的平方根", "45"),
                Arguments.of("36乘以14", "504"),
                Arguments.of("36乘14", "504"),
                Arguments.of("144除以12", "12"),
                Arguments.of("250加375加125", "750"),
                Arguments.of("100减45", "55"),
                Arguments.of("450的8%", "36"),
                Arguments.of("450的百分之8", "36"),
                Arguments.of("12的阶乘", "479001600"),
                Arguments.of("计算 36 乘以 14", "504"),
                Arguments.of("36乘以14等于多少？", "504"),
                Arguments.of("27的立方根", "3"),
                Arguments.of("5的平方", "25"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("phrases")
    void naturalPhraseIsEvaluated(String query, String expected) {
        assertEquals(expected, calculator.evaluate(query).result());
    }
}
