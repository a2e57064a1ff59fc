package io.lariat.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.engine.bench.SyntheticModels;
import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.model.KvCacheStats;
import io.lariat.engine.sampling.Sampler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous batching on a tiny random-weight model: several generations advanced by {@link LlamaEngine#step} give
 * the same logits and ids as each one alone, whatever joins, leaves or prefills in chunks beside it; and the one
 * stop-token rule.
 */
class BatchedGenerationTest {
    private static final int[][] PROMPTS = {
        {1, 17, 42, 99, 7, 300, 12},
        {2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38},
        {400, 3},
        {9},
        {5, 55, 155, 255, 355, 455, 45, 35, 25, 15, 5},
    };
    /** Prompts that fit one step of 16 ids together. */
    private static final int[][] SHORT = {PROMPTS[0], PROMPTS[2], PROMPTS[3]};
    private static final int[] MAX_TOKENS = {9, 5, 12, 7, 3};

    @TempDir
    static Path dir;
    static LlamaEngine engine;
    /** Runs the reference generations, so that their blocks are not in {@link #engine}'s prefix cache. */
    static LlamaEngine reference;

    @BeforeAll
    static void load() {
        Path model = dir.resolve("tiny.gguf");
        SyntheticModels.write(model, EngineSessionTest.TINY, GgmlType.F32, 5);
        engine = LlamaEngine.load(model, EngineOptions.builder().threads(2).batchSize(16).build());
        reference = LlamaEngine.load(model, EngineOptions.builder().threads(2).batchSize(16).build());
    }

    @AfterAll
    static void close() {
        engine.close();
        reference.close();
    }

    @Test
    void batchedLogitsEqualOneSequenceAtATime() {
        List<EngineSession> batched = sessions(3);
        List<EngineSession> alone = sessions(3);
        try {
            List<List<Integer>> heard = new ArrayList<>();
            List<Generation> generations = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                List<Integer> ids = new ArrayList<>();
                heard.add(ids);
                generations.add(batched.get(i).start(GenerationRequest.builder(SHORT[i]).maxTokens(4).build(),
                        ids::add));
            }
            engine.step(generations, 16);
            for (int i = 0; i < 3; i++) {
                alone.get(i).prefill(SHORT[i]);
                assertArrayEquals(alone.get(i).logits(), batched.get(i).logits(), 1e-4f, "prompt " + i);
            }
            engine.step(generations, 16);
            for (int i = 0; i < 3; i++) {
                assertEquals(1, heard.get(i).size());
                alone.get(i).append(heard.get(i).getFirst());
                assertArrayEquals(alone.get(i).logits(), batched.get(i).logits(), 1e-4f, "decode " + i);
            }
        } finally {
            batched.forEach(EngineSession::close);
            alone.forEach(EngineSession::close);
        }
    }

    @Test
    void greedyIdsMatchGeneratingAloneWhileSequencesJoinAndLeave() {
        List<GenerationResult> expected = IntStream.range(0, PROMPTS.length).mapToObj(i -> alone(request(i)))
                .toList();
        List<EngineSession> sessions = sessions(PROMPTS.length);
        try {
            List<Generation> generations = new ArrayList<>();
            List<Generation> running = new ArrayList<>();
            int steps = 0;
            while (generations.size() < PROMPTS.length || running.stream().anyMatch(g -> !g.done())) {
                if (steps % 2 == 0 && generations.size() < PROMPTS.length) {
                    int i = generations.size();
                    Generation g = sessions.get(i).start(request(i), TokenSink.IGNORE);
                    generations.add(g);
                    running.add(g);
                }
                running.removeIf(Generation::done);
                engine.step(running, 6);
                steps++;
            }
            for (int i = 0; i < PROMPTS.length; i++) {
                GenerationResult got = generations.get(i).result();
                assertArrayEquals(expected.get(i).generatedIds(), got.generatedIds(), "sequence " + i);
                assertEquals(expected.get(i).stopReason(), got.stopReason(), "sequence " + i);
                assertEquals(PROMPTS[i].length, got.stats().promptTokensEvaluated());
            }
        } finally {
            sessions.forEach(EngineSession::close);
        }
    }

    @Test
    void longPromptIsPrefilledInChunksBetweenDecodeSteps() {
        int[] longPrompt = IntStream.range(0, 40).map(i -> (i * 37 + 11) % 500).toArray();
        GenerationRequest decodeRequest = GenerationRequest.builder(PROMPTS[0]).maxTokens(30).build();
        GenerationRequest longRequest = GenerationRequest.builder(longPrompt).maxTokens(4).build();
        List<EngineSession> sessions = sessions(2);
        try {
            List<Integer> decoded = new ArrayList<>();
            Generation decoder = sessions.get(0).start(decodeRequest, decoded::add);
            while (decoder.prefilling()) {
                engine.step(List.of(decoder), 5);
            }
            Generation prefiller = sessions.get(1).start(longRequest, TokenSink.IGNORE);
            List<Generation> both = List.of(decoder, prefiller);
            // a budget of 5: the decoder's id plus 4 prompt ids per step, so 40 prompt ids take 10 steps
            for (int step = 1; step <= 10; step++) {
                assertTrue(prefiller.prefilling(), "step " + step);
                engine.step(both, 5);
                assertEquals(step, decoded.size(), "the decoder advances at every step");
            }
            assertFalse(prefiller.prefilling());
            while (!decoder.done() || !prefiller.done()) {
                engine.step(both, 5);
            }
            assertEquals(0, prefiller.result().stats().promptTokensReused());
            // alone afterwards (the long prompt's first block is then shared from the engine's cache)
            assertArrayEquals(alone(decodeRequest).generatedIds(), decoder.result().generatedIds());
            assertArrayEquals(alone(longRequest).generatedIds(), prefiller.result().generatedIds());
        } finally {
            sessions.forEach(EngineSession::close);
        }
    }

    @Test
    void cancellingOneGenerationMidBatchLeavesTheOthersUnchanged() {
        List<EngineSession> sessions = sessions(3);
        try {
            List<Generation> generations = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                generations.add(sessions.get(i).start(GenerationRequest.builder(PROMPTS[i]).maxTokens(10).build(),
                        TokenSink.IGNORE));
            }
            for (int step = 0; step < 4; step++) {
                engine.step(generations, 16);
            }
            generations.get(1).cancel();
            while (!generations.get(0).done() || !generations.get(2).done()) {
                engine.step(generations, 16);
            }
            GenerationResult cancelled = generations.get(1).result();
            assertEquals(StopReason.CANCELLED, cancelled.stopReason());
            assertArrayEquals(Arrays.copyOf(alone(request(1, 10)).generatedIds(), 2), cancelled.generatedIds());
            assertArrayEquals(alone(request(0, 10)).generatedIds(), generations.get(0).result().generatedIds());
            assertArrayEquals(alone(request(2, 10)).generatedIds(), generations.get(2).result().generatedIds());
        } finally {
            sessions.forEach(EngineSession::close);
        }
    }

    /**
     * 1,000 requests in batches of four that join together, lose one member to a cancellation at a random step (in
     * the prefill or mid-decode) and leave, on a cache whose memory holds about 1.5 rounds of blocks: a block kept
     * by a cancelled or finished sequence would exhaust it within a few rounds. After every round no block is held
     * and every allocated block is cached or free.
     */
    @Test
    void aThousandBatchedRequestsWithCancellationsLeaveNoBlockHeld() {
        java.util.Random random = new java.util.Random(11);
        long blockBytes = engine.kvCache().blockBytes();
        // one thread: the blocks are the same, and a tiny model's steps are all hand-offs on a busy machine
        try (LlamaEngine bounded = LlamaEngine.load(dir.resolve("tiny.gguf"), EngineOptions.builder().threads(1)
                .batchSize(16).kvMemory(12 * blockBytes).build())) {
            for (int round = 0; round < 250; round++) {
                List<EngineSession> sessions = IntStream.range(0, 4).mapToObj(i -> bounded.newSession(64)).toList();
                try {
                    List<Generation> generations = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        int[] prompt = concat(PROMPTS[random.nextInt(PROMPTS.length)],
                                random.ints(1 + random.nextInt(8), 0, 500).toArray());
                        generations.add(sessions.get(i).start(GenerationRequest.builder(prompt)
                                .maxTokens(1 + random.nextInt(8)).build(), TokenSink.IGNORE));
                    }
                    Generation victim = generations.get(random.nextInt(4));
                    int cancelAt = random.nextInt(5);
                    boolean cancelledRunning = false;
                    for (int step = 0; generations.stream().anyMatch(g -> !g.done()); step++) {
                        if (step == cancelAt) {
                            cancelledRunning = !victim.done();
                            victim.cancel();
                        }
                        bounded.step(generations, 16);
                    }
                    for (Generation g : generations) {
                        // result() rethrows a failure, such as a cache that could not allocate a block
                        boolean cancelled = g.result().stopReason() == StopReason.CANCELLED;
                        assertEquals(g == victim && cancelledRunning, cancelled, "round " + round);
                    }
                } finally {
                    sessions.forEach(EngineSession::close);
                }
                KvCacheStats stats = bounded.kvCache().stats();
                assertEquals(0, stats.held(), "round " + round);
                assertEquals(stats.allocated(), stats.cached() + stats.free(), "round " + round);
            }
        }
    }

    @Test
    void failingSinkEndsOnlyItsOwnGeneration() {
        List<EngineSession> sessions = sessions(2);
        IllegalStateException broken = new IllegalStateException("sink broke");
        try {
            int[] heard = {0};
            Generation failing = sessions.get(0).start(request(0, 10), id -> {
                if (++heard[0] == 2) {
                    throw broken;
                }
                return true;
            });
            Generation healthy = sessions.get(1).start(request(2, 10), TokenSink.IGNORE);
            List<Generation> both = List.of(failing, healthy);
            while (!healthy.done()) {
                engine.step(both, 16);
            }
            assertTrue(failing.done());
            assertSame(broken, assertThrows(IllegalStateException.class, failing::result));
            assertArrayEquals(alone(request(2, 10)).generatedIds(), healthy.result().generatedIds());
        } finally {
            sessions.forEach(EngineSession::close);
        }
    }

    @Test
    void stopIdIsHeardButNeverReturnedNorEvaluated() {
        int[] free = alone(request(0, 6)).generatedIds();
        int stop = free[2];
        int first = IntStream.range(0, 3).filter(i -> free[i] == stop).findFirst().orElseThrow();
        try (EngineSession session = engine.newSession(64)) {
            List<Integer> heard = new ArrayList<>();
            GenerationResult result = session.generate(GenerationRequest.builder(PROMPTS[0]).maxTokens(6)
                    .extraStops(stop).build(), heard::add);
            assertEquals(new StopReason.StopToken(stop), result.stopReason());
            assertEquals(Arrays.stream(free, 0, first + 1).boxed().toList(), heard);
            assertArrayEquals(Arrays.copyOf(free, first), result.generatedIds());
            assertArrayEquals(concat(PROMPTS[0], Arrays.copyOf(free, first)), session.cachedIds());
            assertEquals(first + 1, result.stats().generatedTokens());
        }
    }

    @Test
    void lastIdAtTheLengthLimitIsReturnedButNotEvaluated() {
        try (EngineSession session = engine.newSession(64)) {
            GenerationResult result = session.generate(request(0, 3), TokenSink.IGNORE);
            int[] ids = result.generatedIds();
            assertEquals(StopReason.LENGTH, result.stopReason());
            assertEquals(3, ids.length);
            assertArrayEquals(concat(PROMPTS[0], Arrays.copyOf(ids, 2)), session.cachedIds());
            // the next turn carries the last id; only it and the new ids are evaluated
            PrefillResult next = session.prefill(concat(PROMPTS[0], ids));
            assertEquals(PROMPTS[0].length + 2, next.reused());
            assertEquals(1, next.evaluated());
            assertEquals(Sampler.argmax(session.logits()), alone(request(0, 4)).generatedIds()[3]);
        }
    }

    @Test
    void startingAnotherGenerationAbandonsTheRunningOne() {
        try (EngineSession session = engine.newSession(64)) {
            Generation first = session.start(request(0, 5), TokenSink.IGNORE);
            engine.step(List.of(first), 16);
            Generation second = session.start(request(2, 5), TokenSink.IGNORE);
            assertEquals(StopReason.CANCELLED, first.result().stopReason());
            while (!second.done()) {
                engine.step(List.of(first, second), 16);
            }
            assertArrayEquals(alone(request(2, 5)).generatedIds(), second.result().generatedIds());
        }
    }

    private static GenerationRequest request(int i) {
        GenerationRequest.Builder b = GenerationRequest.builder(PROMPTS[i]).maxTokens(MAX_TOKENS[i]);
        if (i == 1) {
            // one sequence ends at a stop id rather than at its length
            int[] free = alone(GenerationRequest.builder(PROMPTS[1]).maxTokens(MAX_TOKENS[1]).build())
                    .generatedIds();
            b.extraStops(free[3]);
        }
        return b.build();
    }

    private static GenerationRequest request(int i, int maxTokens) {
        return GenerationRequest.builder(PROMPTS[i]).maxTokens(maxTokens).build();
    }

    private static GenerationResult alone(GenerationRequest request) {
        try (EngineSession session = reference.newSession(64)) {
            return session.generate(request, TokenSink.IGNORE);
        }
    }

    private static List<EngineSession> sessions(int n) {
        return IntStream.range(0, n).mapToObj(i -> engine.newSession(64)).toList();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
