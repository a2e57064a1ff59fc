package io.lariat.agent.loop;

import io.lariat.agent.Agent;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.ContextTrimmedEvent;
import io.lariat.agent.ErrorEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.Session;
import io.lariat.agent.StatsEvent;
import io.lariat.agent.TokenEvent;
import io.lariat.agent.ToolResultEvent;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.agent.testing.TestTools;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.UserMessage;
import io.lariat.tools.BuiltinTools;
import io.smallrye.mutiny.subscription.Cancellable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.lariat.agent.loop.AgentLoopTest.only;
import static io.lariat.agent.loop.AgentLoopTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunTest {
    private final TestTools tools = new TestTools();
    private final TestTools.Builtins builtins = new TestTools.Builtins();

    private static String weatherCall(String city) {
        return "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"" + city + "\"}}";
    }

    @Test
    void eachTurnOfAFiveTurnToolConversationEvaluatesOnlyItsNewTokens() {
        Tokenizer tokenizer = SharedTestData.tokenizer();
        List<String> script = List.of(weatherCall("Paris"), weatherCall("Rome"), weatherCall("Oslo"),
                weatherCall("Lima"), "All four are mild.");
        ReplayBackend backend = new ReplayBackend(tokenizer, script, 8192, Duration.ZERO);
        Agent agent = Agent.builder("reuse").backend(backend).tools(tools).build();
        List<AgentEvent> events = run(agent, Session.create(), "Weather in four cities?");

        List<int[]> prompts = backend.prompts();
        assertEquals(5, prompts.size());
        int reused = 0;
        int evaluated = prompts.getFirst().length;
        for (int k = 1; k < 5; k++) {
            int[] previous = prompts.get(k - 1);
            int[] sampled = tokenizer.encodeWithSpecials(script.get(k - 1));
            int[] cached = concat(previous, sampled);
            assertArrayEquals(cached, Arrays.copyOf(prompts.get(k), cached.length), "turn " + (k + 1));
            String result = "22 C in " + List.of("Paris", "Rome", "Oslo", "Lima").get(k - 1);
            int newTokens = 1 + agent.chatFormat().renderMessage(new io.lariat.prompts.ToolResultMessage("c", "w", result))
                    .length + agent.chatFormat().generationPrompt().length;
            assertEquals(newTokens, prompts.get(k).length - cached.length, "new tokens of turn " + (k + 1));
            reused += cached.length;
            evaluated += newTokens;
        }
        StatsEvent stats = (StatsEvent) events.getLast();
        assertEquals(5, stats.iterations());
        assertEquals(reused, stats.promptTokensReused());
        assertEquals(evaluated, stats.promptTokensEvaluated());
    }

    @Test
    void secondUserTurnReusesTheWholeHistory() {
        Tokenizer tokenizer = SharedTestData.tokenizer();
        ReplayBackend backend = ReplayBackend.of(tokenizer, "Hi.", "Bye.");
        Agent agent = Agent.builder("chat").backend(backend).build();
        Session session = Session.create();
        run(agent, session, "Hello");
        List<AgentEvent> second = run(agent, session, "Goodbye");
        int[] first = backend.prompts().getFirst();
        int fresh = 1 + agent.chatFormat().renderMessage(new UserMessage("Goodbye")).length
                + agent.chatFormat().generationPrompt().length;
        StatsEvent stats = (StatsEvent) second.getLast();
        assertEquals(first.length + tokenizer.encode("Hi.").length, stats.promptTokensReused());
        assertEquals(fresh, stats.promptTokensEvaluated());
    }

    @Test
    void oldestTurnsAreDroppedWhenTheWindowWouldOverflow() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(), "One.", "Two.", "Three.", "Four.");
        Agent agent = Agent.builder("small").systemPrompt("Be brief.").backend(backend).contextWindow(100)
                .maxTokensPerTurn(16).build();
        Session session = Session.create();
        List<ContextTrimmedEvent> trims = new ArrayList<>();
        for (String q : List.of("First question here?", "Second question here?", "Third question here?",
                "Fourth question here?")) {
            trims.addAll(only(run(agent, session, q), ContextTrimmedEvent.class));
        }
        assertFalse(trims.isEmpty());
        assertTrue(trims.stream().allMatch(t -> t.messagesDropped() % 2 == 0), trims.toString());
        assertTrue(session.tokens() + 4 + 16 <= 100, "tokens " + session.tokens());
        assertEquals(new UserMessage("Fourth question here?"), session.messages().get(session.messages().size() - 2));
        assertTrue(session.messages().getFirst() instanceof UserMessage);
    }

    @Test
    void userMessageTooBigForTheWindowIsAnErrorAndLeavesNoTrace() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(), "Never.");
        Agent agent = Agent.builder("small").backend(backend).contextWindow(100).maxTokensPerTurn(16).build();
        Session session = Session.create();
        List<AgentEvent> events = run(agent, session, "word ".repeat(200));
        ErrorEvent error = (ErrorEvent) events.getLast();
        assertEquals("context_overflow", error.kind());
        assertTrue(error.message().startsWith("context overflow: "), error.message());
        assertTrue(error.message().contains(" tokens needed, window holds 100; 20 of them are kept free for each"
                + " answer (the agent's max-tokens-per-turn plus the reply header): raise lariat.context-size or lower"
                + " lariat.agents.<name>.max-tokens-per-turn"), error.message());
        assertEquals(List.of(), session.messages());
        assertEquals(1, backend.remaining());
    }

    @Test
    void longToolResultIsTruncatedToItsShareWithAMarker() {
        ReplayBackend backend = ReplayBackend.of(SharedTestData.tokenizer(),
                "{\"name\": \"dump\", \"parameters\": {\"words\": 3000}}", "Long.");
        Agent agent = Agent.builder("dump").backend(backend).tools(tools).contextWindow(4000)
                .toolResultShare(0.1).build();
        ToolResultEvent result = only(run(agent, Session.create(), "Dump."), ToolResultEvent.class).getFirst();
        // "word " * 3000 is 3001 tokens; 400 tokens (10% of 4000) hold the marker and 377 tokens of text
        assertTrue(result.content().endsWith(
                "word\n[truncated by Lariat: the result held 3001 tokens; the first 377 are shown]"), result.content());
        assertTrue(SharedTestData.tokenizer().encode(result.content()).length <= 400);
    }

    @Test
    void cancellingTheStreamStopsGenerationFreesTheSessionAndRollsBack() throws Exception {
        ReplayBackend backend = new ReplayBackend(SharedTestData.tokenizer(),
                List.of("a b c d e f g h i j k l m n o p q r s t u v w x y z"), 8192, Duration.ofMillis(50));
        Agent agent = Agent.builder("slow").backend(backend).build();
        Session session = Session.create();
        CountDownLatch firstToken = new CountDownLatch(1);
        List<AgentEvent> seen = Collections.synchronizedList(new ArrayList<>());
        Cancellable subscription = agent.run(session, "Spell.").subscribe().with(e -> {
            seen.add(e);
            if (e instanceof TokenEvent) {
                firstToken.countDown();
            }
        });
        assertTrue(firstToken.await(10, TimeUnit.SECONDS));
        subscription.cancel();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (session.running() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(session.running());
        assertEquals(List.of(), session.messages());
        assertTrue(seen.stream().noneMatch(e -> e instanceof FinalEvent));
    }

    @Test
    void runPastItsTimeLimitEndsWithATimeoutError() {
        ReplayBackend backend = new ReplayBackend(SharedTestData.tokenizer(),
                List.of("a b c d e f g h i j k l m n o p q r s t u v w x y z"), 8192, Duration.ofMillis(100));
        Agent agent = Agent.builder("slow").backend(backend).turnTimeout(Duration.ofMillis(300)).build();
        Session session = Session.create();
        List<AgentEvent> events = run(agent, session, "Spell.");
        assertEquals(new ErrorEvent(session.id(), 1, "timeout", "the run exceeded its time limit of PT0.3S"),
                events.getLast());
        assertFalse(session.running());
    }

    @Test
    void secondRunOnABusySessionIsRefused() throws Exception {
        ReplayBackend backend = new ReplayBackend(SharedTestData.tokenizer(), List.of("a b c d e f g h"), 8192,
                Duration.ofMillis(100));
        Agent agent = Agent.builder("slow").backend(backend).build();
        Session session = Session.create();
        CountDownLatch started = new CountDownLatch(1);
        Cancellable first = agent.run(session, "One.").subscribe().with(e -> started.countDown());
        assertTrue(started.await(10, TimeUnit.SECONDS));
        List<AgentEvent> second = run(agent, session, "Two.");
        assertEquals(List.of(new ErrorEvent(session.id(), 0, "session_busy",
                "session " + session.id() + " is already running")), second);
        first.cancel();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
