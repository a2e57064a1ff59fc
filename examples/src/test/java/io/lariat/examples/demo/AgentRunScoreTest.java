package io.lariat.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.ToolResultEvent;
import io.lariat.prompts.parse.BuiltinToolCall;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentRunScoreTest {

    private static final ObjectNode ARGS = JsonNodeFactory.instance.objectNode().put("query", "345 + 678");
    private static final DemoTask TASK = new DemoTask(DemoAgent.CALCULATOR, "What is 345 + 678?",
            new BuiltinToolCall("wolfram_alpha", ARGS), out -> new DemoTask.Answer("345 + 678 = 1023.", "1023"));
    private static final DemoTask.Answer EXPECTED = new DemoTask.Answer("345 + 678 = 1023.", "1023");

    private static ToolCallEvent call(int turn, String id, String tool) {
        return new ToolCallEvent("s", turn, id, tool, ARGS);
    }

    private static ToolResultEvent result(int turn, String id, String tool, boolean error) {
        return new ToolResultEvent("s", turn, id, tool, error ? "bad arguments" : "{\"result\": \"1023\"}", error,
                Duration.ZERO);
    }

    private static FinalEvent answer(int turn, String text, FinalEvent.FinishReason reason) {
        return new FinalEvent("s", turn, text, reason);
    }

    static Stream<Arguments> runs() {
        FinalEvent.FinishReason ok = FinalEvent.FinishReason.ANSWER;
        return Stream.of(
                Arguments.of("one accepted call, answer holds the value",
                        List.of(call(1, "c1", "wolfram_alpha"), result(1, "c1", "wolfram_alpha", false),
                                answer(2, "345 + 678 = 1023.", ok)), true, true),
                Arguments.of("answer with a different number",
                        List.of(call(1, "c1", "wolfram_alpha"), result(1, "c1", "wolfram_alpha", false),
                                answer(2, "345 + 678 = 1024.", ok)), true, false),
                Arguments.of("value only as a longer number still counts as contained",
                        List.of(call(1, "c1", "wolfram_alpha"), result(1, "c1", "wolfram_alpha", false),
                                answer(2, "10230", ok)), true, true),
                Arguments.of("the tool rejected the call",
                        List.of(call(1, "c1", "wolfram_alpha"), result(1, "c1", "wolfram_alpha", true),
                                answer(2, "1023", ok)), false, true),
                Arguments.of("a call to another tool",
                        List.of(call(1, "c1", "brave_search"), result(1, "c1", "brave_search", false),
                                answer(2, "1023", ok)), false, true),
                Arguments.of("two calls in the first turn",
                        List.of(call(1, "c1", "wolfram_alpha"), call(1, "c2", "wolfram_alpha"),
                                result(1, "c1", "wolfram_alpha", false), result(1, "c2", "wolfram_alpha", false),
                                answer(2, "1023", ok)), false, true),
                Arguments.of("the call came only in the second turn",
                        List.of(call(2, "c1", "wolfram_alpha"), result(2, "c1", "wolfram_alpha", false),
                                answer(3, "1023", ok)), false, true),
                Arguments.of("no call, answered from memory", List.of(answer(1, "1023", ok)), false, true),
                Arguments.of("stopped by the iteration cap",
                        List.of(call(1, "c1", "wolfram_alpha"), result(1, "c1", "wolfram_alpha", false),
                                answer(4, "1023", FinalEvent.FinishReason.ITERATION_CAP)), true, false),
                Arguments.of("no final event", List.<AgentEvent>of(), false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void scoresWellFormedCallsAndCorrectAnswers(String name, List<AgentEvent> events, boolean wellFormed,
                                                 boolean correct) {
        AgentRunScore score = AgentRunScore.of(events, TASK, EXPECTED);
        assertEquals(List.of(wellFormed, correct), List.of(score.wellFormedCall(), score.correctAnswer()));
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @MethodSource("arguments")
    void strictCallsNeedTheExpectedArgumentsUpToWhitespaceCaseAndNumberFormat(String actual, String expected,
                                                                               boolean same) {
        ObjectNode a = JsonNodeFactory.instance.objectNode().put("query", actual).put("n", 5);
        ObjectNode e = JsonNodeFactory.instance.objectNode().put("n", 5).put("query", expected);
        assertEquals(same, AgentRunScore.sameArguments(a, e));
    }

    static Stream<Arguments> arguments() {
        return Stream.of(Arguments.of("345 + 678", "345 + 678", true),
                Arguments.of("  345  +\n678 ", "345 + 678", true),
                Arguments.of("Pounds", "pounds", true),
                Arguments.of("1,200", "1200", true),
                Arguments.of("1200.0", "1200", true),
                Arguments.of("345 + 679", "345 + 678", false),
                Arguments.of("miles", "mi", false));
    }

    @ParameterizedTest(name = "{1} holds {0} as a whole: {2}")
    @MethodSource("wholeValues")
    void strictAnswersHoldTheValueAsAWholeNumberOrWord(String value, String answer, boolean whole) {
        assertEquals(whole, AgentRunScore.containsWhole(answer, value));
    }

    static Stream<Arguments> wholeValues() {
        return Stream.of(Arguments.of("1023", "345 + 678 = 1023.", true),
                Arguments.of("1023", "It is 1023", true),
                Arguments.of("1023", "10230", false),
                Arguments.of("1023", "11023", false),
                Arguments.of("1023", "1023.5", false),
                Arguments.of("1023", "2.1023", false),
                Arguments.of("shipped", "It shipped.", true),
                Arguments.of("shipped", "unshipped", false),
                Arguments.of("", "anything", false));
    }

    @org.junit.jupiter.api.Test
    void aStrictRunNeedsTheExpectedArgumentsAndTheWholeValue() {
        ObjectNode other = JsonNodeFactory.instance.objectNode().put("query", "345 + 679");
        List<AgentEvent> events = List.of(new ToolCallEvent("s", 1, "c1", "wolfram_alpha", other),
                result(1, "c1", "wolfram_alpha", false), answer(2, "345 + 678 = 10230", FinalEvent.FinishReason.ANSWER));
        assertEquals(new AgentRunScore(true, true, false, false), AgentRunScore.of(events, TASK, EXPECTED));
        List<AgentEvent> right = List.of(call(1, "c1", "wolfram_alpha"), result(1, "c1", "wolfram_alpha", false),
                answer(2, "345 + 678 = 1023.", FinalEvent.FinishReason.ANSWER));
        assertEquals(new AgentRunScore(true, true, true, true), AgentRunScore.of(right, TASK, EXPECTED));
    }

    @ParameterizedTest(name = "expects {0}")
    @MethodSource("caseSensitive")
    void theValueMustAppearExactly(String mustContain, String answer, boolean correct) {
        List<AgentEvent> events = List.of(answer(1, answer, FinalEvent.FinishReason.ANSWER));
        assertEquals(correct, AgentRunScore.correctAnswer(events, mustContain));
    }

    static Stream<Arguments> caseSensitive() {
        return Stream.of(Arguments.of("delivered", "Order A-10001 is Delivered.", false),
                Arguments.of("delivered", "Order A-10001 is delivered.", true),
                Arguments.of("539.6", "76% of 710 = 539.60.", true),
                Arguments.of("539.6", "76% of 710 = 539.", false),
                Arguments.of("", "anything", false));
    }
}
