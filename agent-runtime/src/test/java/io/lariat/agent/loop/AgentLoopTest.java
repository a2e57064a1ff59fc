package io.lariat.agent.loop;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.agent.Agent;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.ErrorEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.FinalEvent.FinishReason;
import io.lariat.agent.Session;
import io.lariat.agent.StatsEvent;
import io.lariat.agent.TokenEvent;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.ToolResultEvent;
import io.lariat.agent.TurnStartedEvent;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.agent.testing.TestTools;
import io.lariat.prompts.AssistantMessage;
import io.lariat.prompts.ToolResultMessage;
import io.lariat.prompts.UserMessage;
import io.lariat.tools.BuiltinTools;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentLoopTest {
    private final TestTools tools = new TestTools();
    private final TestTools.Builtins builtins = new TestTools.Builtins();

    static List<AgentEvent> run(Agent agent, Session session, String text) {
        return agent.run(session, text).collect().asList().await().atMost(Duration.ofSeconds(30));
    }

    private Agent agent(ReplayBackend backend) {
        return Agent.builder("test").systemPrompt("You help.").backend(backend).tools(tools)
                .builtin(BuiltinTools.SEARCH, BuiltinTools.CODE_INTERPRETER).builtinTools(builtins).build();
    }

    static <T extends AgentEvent> List<T> only(List<AgentEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static String answerText(List<AgentEvent> events) {
        return only(events, TokenEvent.class).stream().map(TokenEvent::text).collect(Collectors.joining());
    }

    private static ObjectNode args(String key, String value) {
        return JsonNodeFactory.instance.objectNode().put(key, value);
    }

    @Test
    void builtinCallRunsAndItsResultFeedsTheNextTurn() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(),
                "<|python_tag|>brave_search.call(query=\"weather in Paris\")<|eom_id|>",
                "It is 22 C in Paris.");
        Session session = Session.create();
        List<AgentEvent> events = run(agent(backend), session, "Is it warm in Paris?");

        assertEquals(List.of(TurnStartedEvent.class, ToolCallEvent.class, ToolResultEvent.class,
                TurnStartedEvent.class), events.stream().filter(e -> !(e instanceof TokenEvent)).limit(4)
                .map(Object::getClass).toList());
        ToolCallEvent call = only(events, ToolCallEvent.class).getFirst();
        assertEquals(new ToolCallEvent(session.id(), 1, "call_1", "brave_search", args("query", "weather in Paris")),
                call);
        ToolResultEvent result = only(events, ToolResultEvent.class).getFirst();
        assertEquals("{\"results\": [\"Paris is 22 C\"]}", result.content());
        assertEquals(false, result.error());
        assertEquals("It is 22 C in Paris.", answerText(events));
        assertEquals(new FinalEvent(session.id(), 2, "It is 22 C in Paris.", FinishReason.ANSWER),
                only(events, FinalEvent.class).getFirst());
        assertInstanceOf(StatsEvent.class, events.getLast());
        assertEquals(List.of("brave_search(weather in Paris)"), builtins.calls);
        assertEquals(List.of(UserMessage.class, AssistantMessage.class, ToolResultMessage.class,
                AssistantMessage.class), session.messages().stream().map(Object::getClass).toList());
    }

    @Test
    void codeInterpreterCallRunsTheCode() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(),
                "<|python_tag|>print(6 * 7)<|eom_id|>", "The answer is 42.");
        List<AgentEvent> events = run(agent(backend), Session.create(), "What is 6 times 7?");
        assertEquals(List.of("code_interpreter(print(6 * 7))"), builtins.calls);
        assertEquals("completed\n[stdout]42[/stdout]", only(events, ToolResultEvent.class).getFirst().content());
        assertEquals("The answer is 42.", answerText(events));
    }

    @Test
    void jsonCustomCallEndingWithEotIsExecuted() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(),
                "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eot_id|>", "Warm.");
        List<AgentEvent> events = run(agent(backend), Session.create(), "Weather?");
        assertEquals(List.of("get_weather(Paris)"), tools.calls);
        assertEquals("22 C in Paris", only(events, ToolResultEvent.class).getFirst().content());
        assertEquals("Warm.", answerText(events));
    }

    @Test
    void pythonicParallelCallsRunInOrderWithOneResultEach() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(),
                "[get_weather(city=\"Paris\"), get_weather(city='Rome')]", "Both warm.");
        Session session = Session.create();
        List<AgentEvent> events = run(agent(backend), session, "Paris and Rome?");
        assertEquals(List.of("get_weather(Paris)", "get_weather(Rome)"), tools.calls);
        assertEquals(List.of("call_1", "call_2"),
                only(events, ToolResultEvent.class).stream().map(ToolResultEvent::callId).toList());
        assertEquals(List.of(new ToolResultMessage("call_1", "get_weather", "22 C in Paris"),
                new ToolResultMessage("call_2", "get_weather", "22 C in Rome")), session.messages().subList(2, 4));
    }

    @Test
    void callTextIsNeverStreamedAsAnswerText() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(),
                "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Oslo\"}}",
                "<|python_tag|>brave_search.call(query=\"x\")<|eom_id|>", "Cold.");
        List<AgentEvent> events = run(agent(backend), Session.create(), "Oslo?");
        assertEquals("Cold.", answerText(events));
        assertTrue(only(events, TokenEvent.class).stream().allMatch(t -> t.turn() == 3));
    }

    @Test
    void failingToolGivesAnErrorResultAndTheLoopGoesOn() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(),
                "{\"name\": \"explode\", \"parameters\": {\"reason\": \"x\"}}", "Sorry, that failed.");
        List<AgentEvent> events = run(agent(backend), Session.create(), "Go.");
        ToolResultEvent result = only(events, ToolResultEvent.class).getFirst();
        assertTrue(result.error());
        assertTrue(result.content().startsWith("failed\n[stderr]tool 'explode' failed"), result.content());
        assertTrue(result.content().contains("exploded: x"), result.content());
        assertEquals(FinishReason.ANSWER, only(events, FinalEvent.class).getFirst().reason());
    }

    @Test
    void hangingToolTimesOutAsAnErrorResult() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(),
                "{\"name\": \"hang\", \"parameters\": {\"what\": \"x\"}}", "It hung.");
        List<AgentEvent> events = run(agent(backend), Session.create(), "Go.");
        ToolResultEvent result = only(events, ToolResultEvent.class).getFirst();
        assertTrue(result.error());
        assertTrue(result.content().startsWith("failed\n[stderr]tool 'hang' timed out after"), result.content());
        assertEquals("It hung.", answerText(events));
    }

    @Test
    void unknownToolGetsAnErrorResultNotAnExecution() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(),
                "{\"name\": \"teleport\", \"parameters\": {\"to\": \"Mars\"}}", "I cannot.");
        List<AgentEvent> events = run(agent(backend), Session.create(), "Go.");
        ToolResultEvent result = only(events, ToolResultEvent.class).getFirst();
        assertTrue(result.error());
        assertTrue(result.content().startsWith("failed\n[stderr]unknown tool 'teleport'"), result.content());
    }

    @Test
    void iterationCapEndsTheRunWithAMessageSayingSo() {
        String call = "<|python_tag|>brave_search.call(query=\"again\")<|eom_id|>";
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(), call, call, call, call);
        Agent agent = Agent.builder("capped").backend(backend).builtin(BuiltinTools.SEARCH)
                .builtinTools(builtins).maxIterations(3).build();
        List<AgentEvent> events = run(agent, Session.create(), "Loop.");
        FinalEvent end = only(events, FinalEvent.class).getFirst();
        assertEquals(FinishReason.ITERATION_CAP, end.reason());
        assertEquals("Stopped after 3 model turns (the iteration cap) before a final answer.", end.content());
        assertEquals(3, builtins.calls.size());
        assertEquals(1, backend.remaining());
        assertEquals(3, ((StatsEvent) events.getLast()).iterations());
    }

    @Test
    void eomWithoutACallAsksForAnotherTurn() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(), "Let me think.<|eom_id|>", "Done.");
        List<AgentEvent> events = run(agent(backend), Session.create(), "Go.");
        assertEquals(new FinalEvent(events.getFirst().sessionId(), 2, "Done.", FinishReason.ANSWER),
                only(events, FinalEvent.class).getFirst());
        assertEquals(0, only(events, ToolResultEvent.class).size());
    }

    @Test
    void truncatedCallIsNeverExecuted() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(),
                "<|python_tag|>brave_search.call(query=\"a very long query that will not fit\")<|eom_id|>");
        Agent agent = Agent.builder("short").backend(backend).builtin(BuiltinTools.SEARCH).builtinTools(builtins)
                .maxTokensPerTurn(5).build();
        List<AgentEvent> events = run(agent, Session.create(), "Go.");
        assertEquals(FinishReason.LENGTH, only(events, FinalEvent.class).getFirst().reason());
        assertEquals(List.of(), builtins.calls);
    }

    @Test
    void tokenBudgetStopsTheRun() {
        String call = "<|python_tag|>brave_search.call(query=\"again\")<|eom_id|>";
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(), call, call, call);
        Agent agent = Agent.builder("budget").backend(backend).builtin(BuiltinTools.SEARCH).builtinTools(builtins)
                .tokenBudget(10).build();
        List<AgentEvent> events = run(agent, Session.create(), "Loop.");
        FinalEvent end = only(events, FinalEvent.class).getFirst();
        assertEquals(FinishReason.TOKEN_BUDGET, end.reason());
        assertEquals("Stopped: the run spent its budget of 10 tokens before a final answer.", end.content());
        assertEquals(1, builtins.calls.size());
    }

    @Test
    void exhaustedScriptIsAnErrorEventAndLeavesNoHistory() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer());
        Session session = Session.create();
        List<AgentEvent> events = run(agent(backend), session, "Hello?");
        assertEquals(new ErrorEvent(session.id(), 1, "failed", "replay script exhausted after 0 turns"),
                events.getLast());
        assertEquals(List.of(), session.messages());
    }
}
