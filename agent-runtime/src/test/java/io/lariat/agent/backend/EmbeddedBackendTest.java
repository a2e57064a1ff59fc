package io.lariat.agent.backend;

import io.lariat.agent.Agent;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.Session;
import io.lariat.agent.StatsEvent;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.prompts.UserMessage;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedBackendTest {

    private static EmbeddedBackend backend(int maxActive, int maxCaches) {
        LlamaEngine engine = LlamaEngine.load(SharedTestData.file("tiny-llama31-q8_0.gguf"), EngineOptions.defaults());
        return new EmbeddedBackend("tiny", engine, new EmbeddedSettings(512, maxActive, 16, maxCaches, 8));
    }

    private static Agent agent(ModelBackend backend) {
        return Agent.builder("tiny").systemPrompt("Be brief.").backend(backend)
                .sampling(SamplingOptions.greedy()).maxTokensPerTurn(12).build();
    }

    private static List<AgentEvent> run(Agent agent, Session session, String text) {
        return agent.run(session, text).collect().asList().await().atMost(Duration.ofMinutes(2));
    }

    private static FinalEvent finalEvent(List<AgentEvent> events) {
        return events.stream().filter(FinalEvent.class::isInstance).map(FinalEvent.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no final event in " + events));
    }

    @Test
    void eightConcurrentSessionsInterleaveAndEachMatchesASoloRun() {
        try (EmbeddedBackend backend = backend(8, 9)) {
            Agent agent = agent(backend);
            FinalEvent solo = finalEvent(run(agent, Session.create(), "Say hello."));
            List<Session> sessions = IntStream.range(0, 8).mapToObj(i -> Session.create()).toList();
            List<Uni<List<AgentEvent>>> runs = new ArrayList<>();
            sessions.forEach(s -> runs.add(agent.run(s, "Say hello.").collect().asList()));
            List<List<AgentEvent>> all = Uni.join().all(runs).andFailFast().await().atMost(Duration.ofMinutes(3));
            for (List<AgentEvent> events : all) {
                FinalEvent end = finalEvent(events);
                assertEquals(solo.content(), end.content());
                assertEquals(solo.reason(), end.reason());
                assertInstanceOf(StatsEvent.class, events.getLast());
            }
            assertEquals(9, backend.residentCaches());
        }
    }

    @Test
    void nextUserTurnEvaluatesOnlyTheNewTokens() {
        try (EmbeddedBackend backend = backend(1, 1)) {
            Agent agent = agent(backend);
            Session session = Session.create();
            FinalEvent first = finalEvent(run(agent, session, "One."));
            StatsEvent second = (StatsEvent) run(agent, session, "Two.").getLast();
            // the turn's end token (sampled but never fed back), plus the last sampled token when the turn was
            // cut at the limit, then the new user message and the assistant header
            int expected = 1 + (first.reason() == FinalEvent.FinishReason.LENGTH ? 1 : 0)
                    + agent.chatFormat().renderMessage(new UserMessage("Two.")).length
                    + agent.chatFormat().generationPrompt().length;
            assertEquals(expected, second.promptTokensEvaluated());
            assertTrue(second.promptTokensReused() > agent.prefix().length, "reused " + second.promptTokensReused());
        }
    }

    @Test
    void evictedCacheIsRebuiltByRePrefillWithTheSameAnswer() {
        try (EmbeddedBackend backend = backend(1, 1)) {
            Agent agent = agent(backend);
            Session a = Session.create();
            Session control = Session.create();
            run(agent, a, "First.");
            run(agent, control, "First.");
            List<AgentEvent> controlSecond = run(agent, control, "Second.");
            run(agent, Session.create(), "Evict.");
            List<AgentEvent> aSecond = run(agent, a, "Second.");
            StatsEvent stats = (StatsEvent) aSecond.getLast();
            assertEquals(0, stats.promptTokensReused());
            assertEquals(finalEvent(controlSecond).content(), finalEvent(aSecond).content());
            assertEquals(1, backend.residentCaches());
        }
    }

    @Test
    void cancellingAGenerationFreesItsSlotForTheQueuedOne() throws Exception {
        try (EmbeddedBackend backend = backend(1, 2)) {
            int[] prompt = backend.tokenizer().encode("Count forever:");
            CancelSignal cancelA = new CancelSignal();
            CountDownLatch started = new CountDownLatch(1);
            AtomicInteger tokensA = new AtomicInteger();
            CompletableFuture<TurnResult> a = CompletableFuture.supplyAsync(() -> backend.generate(
                    new TurnRequest("a", prompt, List.of(), List.of(), SamplingOptions.greedy(), 400, cancelA),
                    id -> {
                        tokensA.incrementAndGet();
                        started.countDown();
                        return true;
                    }), Executors.newVirtualThreadPerTaskExecutor());
            assertTrue(started.await(1, TimeUnit.MINUTES));
            CompletableFuture<TurnResult> b = CompletableFuture.supplyAsync(() -> backend.generate(
                    new TurnRequest("b", prompt, List.of(), List.of(), SamplingOptions.greedy(), 3,
                            new CancelSignal()), id -> true), Executors.newVirtualThreadPerTaskExecutor());
            cancelA.cancel("client gone");
            ExecutionException failure = assertThrows(ExecutionException.class, () -> a.get(1, TimeUnit.MINUTES));
            assertInstanceOf(CancellationException.class, failure.getCause());
            assertEquals(3, b.get(1, TimeUnit.MINUTES).stats().generatedTokens());
            assertTrue(tokensA.get() < 400, "tokens of a: " + tokensA.get());
        }
    }

    @Test
    void closingASessionReleasesItsCache() {
        try (EmbeddedBackend backend = backend(2, 4)) {
            Agent agent = agent(backend);
            Session a = Session.create();
            run(agent, a, "Hi.");
            assertEquals(1, backend.residentCaches());
            a.close();
            assertEquals(0, backend.residentCaches());
        }
    }
}
