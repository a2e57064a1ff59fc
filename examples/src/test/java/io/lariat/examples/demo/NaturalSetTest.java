package io.lariat.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NaturalSetTest {

    private static final NaturalSet SET = NaturalSet.bundled();

    /** The counts the bundled demo model is trained on (its README's command). */
    private static final Map<DemoAgent, Integer> TRAINING = Map.of(DemoAgent.CALCULATOR, 6_000,
            DemoAgent.RESEARCHER, 4_000, DemoAgent.ANALYST, 3_500, DemoAgent.CONCIERGE, 3_500);

    @Test
    void holdsAtLeastAHundredQuestionsPerAgent() {
        Map<DemoAgent, Long> counts = SET.tasks().stream()
                .collect(Collectors.groupingBy(DemoTask::agent, Collectors.counting()));
        for (DemoAgent agent : DemoAgent.values()) {
            assertTrue(counts.getOrDefault(agent, 0L) >= 100, agent + ": " + counts.get(agent));
        }
        assertEquals(SET.tasks().size(), SET.tasks().stream().map(DemoTask::question).distinct().count(),
                "a question occurs twice");
    }

    @Test
    void noQuestionOccursInTheTrainingData() {
        DemoData data = DemoData.standard(null);
        Set<String> training = new HashSet<>();
        TRAINING.forEach((agent, count) -> data.questions(agent, count, 1, Phrasing.TRAINING)
                .forEach(q -> training.add(normalised(q))));
        List<String> overlap = SET.tasks().stream().map(DemoTask::question)
                .filter(q -> training.contains(normalised(q))).toList();
        assertEquals(List.of(), overlap);
    }

    @Test
    void everyExpectedCallIsAcceptedByItsToolAndGivesAnAnswerValue() {
        try (ToolRunner tools = ToolRunner.demo()) {
            for (DemoTask task : SET.tasks()) {
                String output = tools.run(task.call());
                DemoTask.Answer answer = task.answerer().answer(output);
                assertFalse(answer.text().startsWith("Sorry") || answer.text().startsWith("抱歉"),
                        task.question() + " -> " + output);
                assertFalse(answer.mustContain().isBlank(), task.question());
            }
        }
    }

    private static String normalised(String question) {
        return NaturalSet.normalised(question);
    }
}
