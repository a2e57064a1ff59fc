package io.lariat.examples.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AnalystTasksTest {

    private static final Pattern LIST = Pattern.compile("numbers = \\[(.*)]");

    /** The program's list holds the question's numbers in the order typed, whatever words surround them. */
    @Test
    void everyProgramCopiesTheQuestionsNumbersInOrder() {
        AnalystTasks tasks = new AnalystTasks();
        SplittableRandom random = new SplittableRandom(3);
        int lists = 0;
        int named = 0;
        for (int i = 0; i < 2_000; i++) {
            DemoTask task = tasks.next(random, Phrasing.TRAINING);
            Matcher list = LIST.matcher(task.call().arguments().get("code").asText());
            if (!list.find()) {
                continue;
            }
            lists++;
            int from = 0;
            for (String number : list.group(1).split(", ")) {
                int at = task.question().indexOf(number, from);
                assertTrue(at >= from, number + " not in order in " + task.question());
                from = at + number.length();
            }
            named += task.question().matches(".*\\b(scores?|prices?|temperatures?|grades?|salar(y|ys)|bills?)\\b.*")
                    ? 1 : 0;
        }
        assertTrue(lists > 1_500, "lists " + lists);
        assertTrue(named > 20, "questions naming what the numbers are: " + named);
    }
}
