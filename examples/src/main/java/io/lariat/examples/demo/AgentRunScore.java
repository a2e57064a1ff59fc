package io.lariat.examples.demo;

import io.lariat.agent.AgentEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.ToolResultEvent;
import java.util.List;

/**
 * How one agent run did on a held-out task, judged from the run's events alone.
 *
 * <p>A <b>well-formed tool call</b>: the first model turn made exactly one tool call, to the tool the task needs
 * (its name exactly), and the tool accepted it (its result is not flagged as an error: the call parsed, named a
 * known tool and its arguments validated and bound). A <b>correct final answer</b>: the run ended with an answer
 * ({@link FinalEvent.FinishReason#ANSWER}) whose text contains, as an exact case-sensitive substring, the value the
 * task's expected tool result gives ({@link DemoTask.Answer#mustContain()}, computed by running the expected call,
 * never the model's); an empty expected value is never matched.
 *
 * @param wellFormedCall whether the first turn made one accepted call to the expected tool
 * @param correctAnswer  whether the final answer contains the expected value
 */
public record AgentRunScore(boolean wellFormedCall, boolean correctAnswer) {

    /** Scores the events of one run of {@code task}, whose expected answer is {@code expected}. */
    public static AgentRunScore of(List<AgentEvent> events, DemoTask task, DemoTask.Answer expected) {
        return new AgentRunScore(wellFormedCall(events, task.call().name()),
                correctAnswer(events, expected.mustContain()));
    }

    static boolean wellFormedCall(List<AgentEvent> events, String expectedTool) {
        List<ToolCallEvent> calls = events.stream().filter(e -> e.turn() == 1)
                .filter(ToolCallEvent.class::isInstance).map(ToolCallEvent.class::cast).toList();
        if (calls.size() != 1 || !calls.getFirst().tool().equals(expectedTool)) {
            return false;
        }
        String callId = calls.getFirst().callId();
        return events.stream().filter(ToolResultEvent.class::isInstance).map(ToolResultEvent.class::cast)
                .anyMatch(r -> r.callId().equals(callId) && !r.error());
    }

    static boolean correctAnswer(List<AgentEvent> events, String mustContain) {
        if (mustContain.isEmpty()) {
            return false;
        }
        return events.stream().filter(FinalEvent.class::isInstance).map(FinalEvent.class::cast)
                .anyMatch(f -> f.reason() == FinalEvent.FinishReason.ANSWER && f.content().contains(mustContain));
    }
}
