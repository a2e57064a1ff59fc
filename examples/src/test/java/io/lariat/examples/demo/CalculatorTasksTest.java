package io.lariat.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalculatorTasksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Every generated call is a span of its question without a leading "the" ("the square root of 2025" is
     * called as "square root of 2025"), and the calculator evaluates every phrase the generator writes.
     */
    @Test
    void everyCallCopiesASpanTheCalculatorEvaluates() throws Exception {
        CalculatorTasks tasks = new CalculatorTasks();
        SplittableRandom random = new SplittableRandom(3);
        int withArticle = 0;
        try (ToolRunner runner = ToolRunner.demo()) {
            for (int i = 0; i < 3_000; i++) {
                DemoTask task = tasks.next(random, Phrasing.TRAINING);
                String query = task.call().arguments().get("query").asText();
                assertTrue(task.question().contains(query), task.question() + " -> " + query);
                assertFalse(query.startsWith("the "), query);
                if (task.question().contains("the " + query)) {
                    withArticle++;
                }
                JsonNode result = JSON.readTree(runner.run(task.call()));
                assertTrue(result.hasNonNull("result"), query + " -> " + result);
            }
        }
        assertTrue(withArticle > 50, "questions saying \"the\" before the phrase: " + withArticle);
    }

    /** Chains of two or three operations over numbers, decimals, squares, cubes and factorials. */
    @Test
    void chainsHoldTwoOrThreeOperations() {
        SplittableRandom random = new SplittableRandom(9);
        boolean three = false;
        for (int i = 0; i < 300; i++) {
            String chain = CalculatorTasks.chain(random);
            long operators = chain.chars().filter(c -> "+-*/".indexOf(c) >= 0).count()
                    + chain.split(" (?:plus|minus|times|multiplied by|divided by) ", -1).length - 1;
            assertTrue(operators == 2 || operators == 3, chain);
            three |= operators == 3;
        }
        assertTrue(three);
    }

    @Test
    void theArticleIsSpokenOnlyBeforeANounPhrase() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            assertEquals("3 + 4", CalculatorTasks.spoken(random, "3 + 4"));
            assertTrue(CalculatorTasks.spoken(random, "sum of 1, 2 and 3").matches("(the )?sum of 1, 2 and 3"));
        }
    }
}
