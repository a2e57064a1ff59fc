package io.lariat.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.ToolResultEvent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How one agent run did on a task, judged from the run's events alone, by a lenient and a strict rule.
 *
 * <p>Lenient (the figures published before the strict rule): a <b>well-formed tool call</b> is exactly one call in
 * the first model turn, to the tool the task needs, that the tool accepted (its result is not an error); a
 * <b>correct final answer</b> ends the run ({@link FinalEvent.FinishReason#ANSWER}) and contains the expected value
 * ({@link DemoTask.Answer#mustContain()}, computed by running the expected call) anywhere, even inside a longer
 * number. Strict: the well-formed call must also carry the <b>expected arguments</b> (equal after normalising
 * whitespace, letter case and number formats, so {@code "1,200"} equals {@code "1200.0"}); the answer must hold the
 * expected value as a <b>whole</b> number or word ("1023" is not found in "11023" or "1023.5"). An empty expected
 * value is never matched.
 *
 * @param wellFormedCall whether the first turn made one accepted call to the expected tool
 * @param correctAnswer  whether the final answer contains the expected value
 * @param rightArguments whether that call also carried the expected arguments (strict)
 * @param strictAnswer   whether the final answer holds the expected value as a whole number or word (strict)
 */
public record AgentRunScore(boolean wellFormedCall, boolean correctAnswer, boolean rightArguments,
                            boolean strictAnswer) {

    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|[-+]?\\d+(?:\\.\\d+)?");

    /** Scores the events of one run of {@code task}, whose expected answer is {@code expected}. */
    public static AgentRunScore of(List<AgentEvent> events, DemoTask task, DemoTask.Answer expected) {
        Optional<ToolCallEvent> call = acceptedCall(events, task.call().name());
        String answer = finalAnswer(events).orElse(null);
        String value = expected.mustContain();
        return new AgentRunScore(call.isPresent(), answer != null && !value.isEmpty() && answer.contains(value),
                call.map(c -> sameArguments(c.arguments(), task.call().arguments())).orElse(false),
                answer != null && containsWhole(answer, value));
    }

    static boolean wellFormedCall(List<AgentEvent> events, String expectedTool) {
        return acceptedCall(events, expectedTool).isPresent();
    }

    static boolean correctAnswer(List<AgentEvent> events, String mustContain) {
        return !mustContain.isEmpty() && finalAnswer(events).filter(a -> a.contains(mustContain)).isPresent();
    }

    /** Whether {@code text} holds {@code value} not preceded or followed by a letter, a digit or a decimal part. */
    static boolean containsWhole(String text, String value) {
        if (value.isEmpty()) {
            return false;
        }
        Pattern whole = Pattern.compile("(?<![\\p{L}\\p{N}]|\\d[.,])" + Pattern.quote(value)
                + "(?![\\p{L}\\p{N}]|[.,]\\d)");
        return whole.matcher(text).find();
    }

    /** Whether two argument objects are equal after normalising whitespace, case and number formats. */
    static boolean sameArguments(ObjectNode actual, ObjectNode expected) {
        return normalised(actual).equals(normalised(expected));
    }

    private static Map<String, String> normalised(ObjectNode arguments) {
        Map<String, String> out = new TreeMap<>();
        arguments.properties().forEach(e -> out.put(e.getKey(), normalised(e.getValue())));
        return out;
    }

    private static String normalised(JsonNode value) {
        String text = (value.isTextual() ? value.asText() : value.toString()).strip()
                .replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (NUMBER.matcher(text).matches()) {
            return new BigDecimal(text.replace(",", "")).stripTrailingZeros().toPlainString();
        }
        return text;
    }

    private static Optional<ToolCallEvent> acceptedCall(List<AgentEvent> events, String expectedTool) {
        List<ToolCallEvent> calls = events.stream().filter(e -> e.turn() == 1)
                .filter(ToolCallEvent.class::isInstance).map(ToolCallEvent.class::cast).toList();
        if (calls.size() != 1 || !calls.getFirst().tool().equals(expectedTool)) {
            return Optional.empty();
        }
        String callId = calls.getFirst().callId();
        boolean accepted = events.stream().filter(ToolResultEvent.class::isInstance).map(ToolResultEvent.class::cast)
                .anyMatch(r -> r.callId().equals(callId) && !r.error());
        return accepted ? Optional.of(calls.getFirst()) : Optional.empty();
    }

    private static Optional<String> finalAnswer(List<AgentEvent> events) {
        return events.stream().filter(FinalEvent.class::isInstance).map(FinalEvent.class::cast)
                .filter(f -> f.reason() == FinalEvent.FinishReason.ANSWER).map(FinalEvent::content).findFirst();
    }
}
