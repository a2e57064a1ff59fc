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

class EvalSetTest {

    private static final EvalSet SET = EvalSet.natural();
    private static final EvalSet HELD_OUT = EvalSet.heldOut();

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

    /** The frozen held-out set is what the generator of 4f06e63 gave for seed 1001: its first and last tasks. */
    @Test
    void theHeldOutSetHoldsSixtyFrozenTasksPerAgent() {
        for (DemoAgent agent : DemoAgent.values()) {
            assertEquals(60, HELD_OUT.tasks(agent).size(), agent.agentName());
        }
        DemoTask first = HELD_OUT.tasks().getFirst();
        assertEquals("Calculator: what is 734 * 5075? Thanks a lot.", first.question());
        assertEquals("{\"query\":\"734 * 5075\"}", first.call().arguments().toString());
        DemoTask last = HELD_OUT.tasks(DemoAgent.CONCIERGE).getLast();
        assertEquals("Any news on my order A-56668?", last.question());
        assertEquals("{\"orderId\":\"A-56668\"}", last.call().arguments().toString());
        // three questions occur twice, as that generator drew them: the set is kept as measured
        assertEquals(237, HELD_OUT.tasks().stream().map(DemoTask::question).distinct().count());
    }

    @Test
    void noQuestionOfEitherSetOccursInTheTrainingData() {
        DemoData data = DemoData.standard(null);
        Set<String> training = new HashSet<>();
        TRAINING.forEach((agent, count) -> data.questions(agent, count, 1, Phrasing.TRAINING)
                .forEach(q -> training.add(normalised(q))));
        for (EvalSet set : List.of(SET, HELD_OUT)) {
            List<String> overlap = set.tasks().stream().map(DemoTask::question)
                    .filter(q -> training.contains(normalised(q))).toList();
            assertEquals(List.of(), overlap, set.resource());
        }
    }

    @Test
    void everyExpectedCallIsAcceptedByItsToolAndGivesAnAnswerValue() {
        try (ToolRunner tools = ToolRunner.demo()) {
            for (DemoTask task : java.util.stream.Stream.concat(SET.tasks().stream(), HELD_OUT.tasks().stream())
                    .toList()) {
                String output = tools.run(task.call());
                DemoTask.Answer answer = task.answerer().answer(output);
                assertFalse(answer.text().startsWith("Sorry") || answer.text().startsWith("抱歉"),
                        task.question() + " -> " + output);
                assertFalse(answer.mustContain().isBlank(), task.question());
            }
        }
    }

    private static String normalised(String question) {
        return EvalSet.normalised(question);
    }
}
