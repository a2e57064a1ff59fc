package io.lariat.agent.backend;

import io.lariat.agent.Agent;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.OverloadedException;
import io.lariat.agent.Session;
import io.lariat.agent.StatsEvent;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.prompts.UserMessage;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedBackendTest {

    private static EmbeddedBackend backend(int maxActive, int maxCaches) {
        return backend(maxActive, 16, maxCaches);
    }

    private static EmbeddedBackend backend(int maxActive, int queue, int maxCaches) {
        LlamaEngine engine = LlamaEngine.load(SharedTestData.file("tiny-llama31-q8_0.gguf"), EngineOptions.defaults());
        return new EmbeddedBackend("tiny", engine, new EmbeddedSettings(512, maxActive, queue, maxCaches, 8));
    }

    private static TurnRequest turn(String session, int[] prompt, int maxTokens, CancelSignal cancel) {
        return new TurnRequest(session, prompt, List.of(), List.of(), SamplingOptions.greedy(), maxTokens, cancel);
    }

    private static CompletableFuture<TurnResult> async(EmbeddedBackend backend, TurnRequest request,
                                                       TokenListener listener) {
        return CompletableFuture.supplyAsync(() -> backend.generate(request, listener),
                Executors.newVirtualThreadPerTaskExecutor());
    }

    private static void awaitActive(EmbeddedBackend backend, int turns) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (backend.activeTurns() < turns && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(turns, backend.activeTurns());
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
    void theNextProcessEvaluatesOnlyWhatFollowsTheAgentsPrefix(@TempDir Path prefixes) {
        EngineOptions options = EngineOptions.builder().prefixDir(prefixes).build();
        try (EmbeddedBackend backend = new EmbeddedBackend("tiny", LlamaEngine.load(
                SharedTestData.file("tiny-llama31-q8_0.gguf"), options), new EmbeddedSettings(512, 1, 1, 1, 8))) {
            StatsEvent first = (StatsEvent) run(agent(backend), Session.create(), "One.").getLast();
            assertEquals(0, first.promptTokensReused());
        }
        // a new engine, as in the next run of the CLI: the system prompt and tools come from the prefix folder
        try (EmbeddedBackend backend = new EmbeddedBackend("tiny", LlamaEngine.load(
                SharedTestData.file("tiny-llama31-q8_0.gguf"), options), new EmbeddedSettings(512, 1, 1, 1, 8))) {
            Agent agent = agent(backend);
            StatsEvent second = (StatsEvent) run(agent, Session.create(), "Two.").getLast();
            assertEquals(agent.prefix().length, second.promptTokensReused());
            assertEquals(agent.chatFormat().renderMessage(new UserMessage("Two.")).length
                    + agent.chatFormat().generationPrompt().length, second.promptTokensEvaluated());
        }
    }

    @Test
    void aConstraintIsPreparedOnTheRequestThreadThenStartedOnTheScheduler() {
        List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        TokenConstraint recording = new TokenConstraint() {
            @Override
            public void prepare() {
                calls.add("prepare on " + Thread.currentThread().getName());
            }

            @Override
            public Matcher start() {
                calls.add("start on " + Thread.currentThread().getName());
                return new Matcher() {
                    @Override
                    public void mask(float[] logits) {
                    }

                    @Override
                    public void accept(int id) {
                    }
                };
            }
        };
        try (EmbeddedBackend backend = backend(1, 1)) {
            TurnRequest request = new TurnRequest("s", backend.tokenizer().encode("Hi"), List.of(), List.of(),
                    SamplingOptions.greedy(), 2, new CancelSignal(), 0, recording);
            backend.generate(request, id -> true);
            assertEquals(List.of("prepare on " + Thread.currentThread().getName(), "start on lariat-scheduler-tiny"),
                    calls);
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
            // the evicted session's own cache is gone, but its full blocks stay in the engine's KV cache (LRU), so
            // the rebuild takes them instead of evaluating them again
            assertTrue(stats.promptTokensReused() > 0, "reused " + stats.promptTokensReused());
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
    void idleSessionsGiveUpTheirBlocksBeforeATurnIsRefusedForAFullBudget() {
        Path model = SharedTestData.file("tiny-llama31-q8_0.gguf");
        long blockBytes;
        try (LlamaEngine probe = LlamaEngine.load(model, EngineOptions.defaults())) {
            blockBytes = probe.kvCache().blockBytes();
        }
        // room for 4 blocks: each 70-token turn needs 3, so the second fits only if the idle first one lets go
        LlamaEngine engine = LlamaEngine.load(model, EngineOptions.builder().kvMemory(4 * blockBytes).build());
        try (EmbeddedBackend backend = new EmbeddedBackend("tiny", engine, new EmbeddedSettings(512, 2, 4, 4, 8))) {
            int[] first = IntStream.range(0, 70).map(i -> 100 + i).toArray();
            int[] second = IntStream.range(0, 70).map(i -> 400 + i).toArray();
            assertEquals(3, backend.generate(turn("a", first, 3, new CancelSignal()), id -> true).stats()
                    .generatedTokens());
            assertEquals(3, engine.kvCache().stats().held());
            TurnResult b = backend.generate(turn("b", second, 3, new CancelSignal()), id -> true);
            assertEquals(3, b.stats().generatedTokens());
            assertEquals(70, b.stats().promptTokensEvaluated());
            assertEquals(1, backend.residentCaches());
            assertEquals(4, engine.kvCache().stats().allocated());
            assertEquals(3, engine.kvCache().stats().held());
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

    @Test
    void cancellingOneTurnMidBatchLeavesTheOthersUnchanged() throws Exception {
        try (EmbeddedBackend backend = backend(3, 3)) {
            int[] promptA = backend.tokenizer().encode("Count forever:");
            int[] promptB = backend.tokenizer().encode("Name three colours.");
            int[] promptC = backend.tokenizer().encode("Hi");
            int[] soloB = backend.generate(turn("b", promptB, 10, new CancelSignal()), id -> true).sampledIds();
            int[] soloC = backend.generate(turn("c", promptC, 14, new CancelSignal()), id -> true).sampledIds();
            backend.release("b");
            backend.release("c");
            CancelSignal cancelA = new CancelSignal();
            CountDownLatch othersAdmitted = new CountDownLatch(1);
            AtomicInteger tokensA = new AtomicInteger();
            CompletableFuture<TurnResult> a = async(backend, turn("a", promptA, 400, cancelA), id -> {
                if (tokensA.incrementAndGet() == 1) {
                    awaitQuietly(othersAdmitted);
                }
                if (tokensA.get() == 4) {
                    cancelA.cancel("client gone");
                }
                return true;
            });
            awaitActive(backend, 1);
            CompletableFuture<TurnResult> b = async(backend, turn("b", promptB, 10, new CancelSignal()), id -> true);
            CompletableFuture<TurnResult> c = async(backend, turn("c", promptC, 14, new CancelSignal()), id -> true);
            awaitActive(backend, 3);
            othersAdmitted.countDown();
            ExecutionException failure = assertThrows(ExecutionException.class, () -> a.get(1, TimeUnit.MINUTES));
            assertInstanceOf(CancellationException.class, failure.getCause());
            assertEquals(4, tokensA.get());
            assertArrayEquals(soloB, b.get(1, TimeUnit.MINUTES).sampledIds());
            assertArrayEquals(soloC, c.get(1, TimeUnit.MINUTES).sampledIds());
            assertEquals(0, backend.activeTurns());
        }
    }

    @Test
    void fullQueueFailsTheTurnSynchronouslyBeforeAnyToken() throws Exception {
        try (EmbeddedBackend backend = backend(1, 0, 2)) {
            int[] prompt = backend.tokenizer().encode("Count forever:");
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<TurnResult> running = async(backend, turn("a", prompt, 3, new CancelSignal()), id -> {
                awaitQuietly(release);
                return true;
            });
            awaitActive(backend, 1);
            AtomicInteger heard = new AtomicInteger();
            OverloadedException e = assertThrows(OverloadedException.class, () -> backend.generate(
                    turn("b", prompt, 3, new CancelSignal()), id -> heard.incrementAndGet() > 0));
            assertEquals("model 'tiny' is overloaded: 0 generations already waiting", e.getMessage());
            assertEquals(0, heard.get());
            release.countDown();
            assertEquals(3, running.get(1, TimeUnit.MINUTES).stats().generatedTokens());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
