package io.lariat.agent.loop;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lariat.agent.Agent;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.ErrorEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.FinalEvent.FinishReason;
import io.lariat.agent.OverloadedException;
import io.lariat.agent.Session;
import io.lariat.agent.StatsEvent;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.backend.TokenListener;
import io.lariat.agent.backend.TurnRequest;
import io.lariat.agent.backend.TurnResult;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.AssistantMessage;
import io.lariat.prompts.Message;
import io.lariat.prompts.SystemMessage;
import io.lariat.prompts.ToolResultMessage;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.UserMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.lariat.agent.loop.AgentLoopTest.only;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Runs that hand tool calls to the caller, restore history, or meet an overloaded model. */
class ClientToolsTest {
    private static final ToolSpec GET_TIME = new ToolSpec("get_time", "The current time",
            JsonNodeFactory.instance.objectNode().put("type", "object"));

    private static List<AgentEvent> run(Agent agent, Session session, List<Message> messages) {
        return agent.run(session, messages).collect().asList().await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void clientToolCallEndsTheRunAndItsResultContinuesTheNext() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(),
                "{\"name\": \"get_time\", \"parameters\": {}}", "It is noon.");
        Agent agent = Agent.builder("client").backend(backend).clientTools(List.of(GET_TIME)).build();
        Session session = Session.create();
        List<AgentEvent> first = run(agent, session, List.of(new UserMessage("Time?")));
        assertEquals(List.of(new ToolCallEvent(session.id(), 1, "call_1", "get_time",
                JsonNodeFactory.instance.objectNode())), only(first, ToolCallEvent.class));
        assertEquals(new FinalEvent(session.id(), 1, "", FinishReason.TOOL_CALLS),
                only(first, FinalEvent.class).getFirst());

        ToolResultMessage result = new ToolResultMessage("call_1", "get_time", "12:00");
        List<AgentEvent> second = run(agent, session, List.of(result));
        assertEquals("It is noon.", only(second, FinalEvent.class).getFirst().content());
        int fresh = 1 + agent.chatFormat().renderMessage(result).length
                + agent.chatFormat().generationPrompt().length;
        assertEquals(fresh, ((StatsEvent) second.getLast()).promptTokensEvaluated());
    }

    @Test
    void clientToolNamesMustBeUnique() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Agent.builder("client")
                .backend(backend).clientTools(List.of(GET_TIME, GET_TIME)).build());
        assertEquals("agent 'client' declares tool 'get_time' twice: tool names must be unique", e.getMessage());
    }

    @Test
    void restoredHistoryRendersAsOneWholePrompt() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(), "Fine.");
        Agent agent = Agent.builder("restore").systemPrompt("Be kind.").backend(backend).build();
        List<Message> history = List.of(new UserMessage("Hi"), AssistantMessage.text("Hello!"),
                new UserMessage("How are you?"));
        run(agent, Session.create(), history);
        List<Message> whole = new ArrayList<>();
        whole.add(new SystemMessage("Be kind."));
        whole.addAll(history);
        assertArrayEquals(agent.chatFormat().render(whole, true), backend.prompts().getFirst());
    }

    @Test
    void overloadedModelIsAnErrorEvent() {
        Tokenizer tokenizer = SharedTestData.tokenizer();
        ModelBackend full = new ModelBackend() {
            @Override
            public String name() {
                return "busy";
            }

            @Override
            public Tokenizer tokenizer() {
                return tokenizer;
            }

            @Override
            public int contextSize() {
                return 4096;
            }

            @Override
            public TurnResult generate(TurnRequest request, TokenListener listener) {
                throw OverloadedException.queueFull("busy", 32);
            }

            @Override
            public void release(String sessionId) {
            }

            @Override
            public void close() {
            }
        };
        Session session = Session.create();
        List<AgentEvent> events = run(Agent.builder("o").backend(full).build(), session,
                List.of(new UserMessage("Hi")));
        assertEquals(List.of(new ErrorEvent(session.id(), 1, "overloaded",
                "model 'busy' is overloaded: 32 generations already waiting")),
                events.stream().filter(e -> !(e instanceof io.lariat.agent.TurnStartedEvent)).toList());
        assertEquals(List.of(), session.messages());
    }
}
