package io.lariat.examples.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConciergeTasksTest {

    /**
     * A conversion call copies the user's own unit words ("f", "c", "celsius" from "40 degrees celsius"), each of
     * which the tool reads, and the call's value and units all occur in the question.
     */
    @Test
    void conversionsCopyTheUnitsAsTyped() {
        ConciergeTasks tasks = new ConciergeTasks();
        SplittableRandom random = new SplittableRandom(17);
        int degrees = 0;
        int letters = 0;
        for (int i = 0; i < 3_000; i++) {
            DemoTask task = tasks.next(random, Phrasing.TRAINING);
            JsonNode args = task.call().arguments();
            if (!args.has("from")) {
                continue;
            }
            String from = args.get("from").asText();
            String to = args.get("to").asText();
            assertTrue(Unit.named(from).isPresent() && Unit.named(to).isPresent(), args.toString());
            assertTrue(task.question().contains(from) && task.question().contains(to), task.question() + " " + args);
            degrees += task.question().contains("degrees " + from) ? 1 : 0;
            letters += from.equals("c") || from.equals("f") ? 1 : 0;
        }
        assertTrue(degrees > 20, "degrees: " + degrees);
        assertTrue(letters > 20, "c or f: " + letters);
    }
}
