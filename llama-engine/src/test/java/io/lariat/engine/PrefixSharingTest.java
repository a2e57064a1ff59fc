package io.lariat.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lariat.engine.bench.SyntheticModels;
import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.model.KvCache;
import io.lariat.engine.model.KvCacheAllocationException;
import io.lariat.engine.model.KvCacheStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions of one engine sharing KV cache blocks: counts of shared and evaluated tokens, copy on write at the first
 * block that diverges, isolation of a sequence from another's later writes, the memory budget, and the block count
 * after many requests. Logits and greedy ids are compared with an engine that shares nothing.
 */
class PrefixSharingTest {
    private static final int B = KvCache.BLOCK_TOKENS;
    /** 70 ids: two whole blocks and 6 positions of a third. */
    private static final int[] PROMPT = ids(0, 70);

    @TempDir
    static Path dir;
    static Path model;
    private LlamaEngine engine;

    @BeforeAll
    static void write() {
        model = dir.resolve("tiny.gguf");
        SyntheticModels.write(model, EngineSessionTest.TINY, GgmlType.F32, 3);
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void secondSessionTakesTheWholeBlocksOfTheFirstAndEvaluatesTheRest() {
        engine = load(1L << 26);
        int[] other = concat(PROMPT, new int[] {9, 8, 7, 6, 5});
        try (EngineSession first = engine.newSession(256); EngineSession second = engine.newSession(256)) {
            assertEquals(70, first.prefill(PROMPT).evaluated());
            assertEquals(new KvCacheStats(3, 3, 0, 0, blockBytes(), 1L << 26), engine.kvCache().stats());
            PrefillResult shared = second.prefill(other);
            assertEquals(2 * B, shared.reused());
            assertEquals(75 - 2 * B, shared.evaluated());
            // the third block was still being written by the first session: the second has its own
            assertEquals(4, engine.kvCache().stats().held());
            assertArrayEquals(freshLogits(other), second.logits(), 1e-4f);
        }
        assertEquals(0, engine.kvCache().stats().held());
        assertEquals(2, engine.kvCache().stats().cached());
    }

    @Test
    void firstDivergingBlockIsCopiedUpToTheLastAgreeingPosition() {
        engine = load(1L << 26);
        int[] diverging = concat(ids(0, 40), new int[] {300, 301, 302, 303});
        try (EngineSession first = engine.newSession(256); EngineSession second = engine.newSession(256)) {
            first.prefill(PROMPT);
            PrefillResult copied = second.prefill(diverging);
            assertEquals(40, copied.reused());
            assertEquals(4, copied.evaluated());
            // the first session's three blocks, and the second's copy of the block that diverges
            assertEquals(4, engine.kvCache().stats().held());
            assertArrayEquals(freshLogits(diverging), second.logits(), 1e-4f);
            first.append(11);
            assertArrayEquals(freshLogits(concat(PROMPT, new int[] {11})), first.logits(), 1e-4f);
        }
    }

    @Test
    void writingIntoASharedBlockLeavesTheOtherSequenceUntouched() {
        engine = load(1L << 26);
        try (EngineSession first = engine.newSession(256); EngineSession second = engine.newSession(256)) {
            first.prefill(PROMPT);
            assertEquals(2 * B, second.prefill(concat(ids(0, 2 * B), new int[] {1, 2})).reused());
            // cut back into the shared second block and write different ids there
            int[] rewritten = concat(ids(0, 40), new int[] {400, 401, 402});
            assertEquals(40, second.prefill(rewritten).reused());
            assertArrayEquals(freshLogits(rewritten), second.logits(), 1e-4f);
            first.append(12);
            assertArrayEquals(freshLogits(concat(PROMPT, new int[] {12})), first.logits(), 1e-4f);
        }
    }

    @Test
    void greedyIdsAreTheSameWithAndWithoutSharing() {
        engine = load(1L << 26);
        int[] other = concat(ids(0, 50), new int[] {77, 78});
        GenerationRequest request = GenerationRequest.builder(other).maxTokens(24).build();
        int[] shared;
        try (EngineSession first = engine.newSession(256); EngineSession second = engine.newSession(256)) {
            first.generate(GenerationRequest.builder(PROMPT).maxTokens(24).build(), TokenSink.IGNORE);
            GenerationResult result = second.generate(request, TokenSink.IGNORE);
            assertEquals(50, result.stats().promptTokensReused());
            shared = result.generatedIds();
        }
        try (LlamaEngine alone = load(1L << 26); EngineSession session = alone.newSession(256)) {
            GenerationResult result = session.generate(request, TokenSink.IGNORE);
            assertEquals(0, result.stats().promptTokensReused());
            assertArrayEquals(result.generatedIds(), shared);
        }
    }

    @Test
    void unheldBlocksAreEvictedLeastRecentlyUsedFirstWithinTheBudget() {
        engine = load(4 * blockBytes());
        try (EngineSession session = engine.newSession(256)) {
            session.prefill(concat(ids(0, 2 * B), new int[] {1}));
        }
        assertEquals(new KvCacheStats(3, 0, 2, 1, blockBytes(), 4 * blockBytes()), engine.kvCache().stats());
        try (EngineSession session = engine.newSession(256)) {
            session.prefill(ids(100, 3 * B + 1));
            KvCacheAllocationException full = assertThrows(KvCacheAllocationException.class,
                    () -> session.prefill(ids(100, 4 * B + 1)));
            assertEquals("KV cache for 32 tokens (" + KvCache.describeBytes(blockBytes()) + "): the KV memory "
                    + "budget of " + KvCache.describeBytes(4 * blockBytes()) + " is full (4 blocks, all held by "
                    + "running sequences); raise lariat.kv.memory or run fewer sequences at once", full.getMessage());
        }
        try (EngineSession session = engine.newSession(256)) {
            assertEquals(0, session.prefill(concat(ids(0, 2 * B), new int[] {1})).reused());
        }
    }

    @Test
    void aThousandRequestsLeaveTheBlockCountAtItsBaseline() {
        engine = load(1L << 26, 1);
        Random random = new Random(5);
        int[] system = ids(0, 45);
        for (int request = 0; request < 1000; request++) {
            int[] prompt = concat(system, random.ints(1 + random.nextInt(20), 0, 500).toArray());
            try (EngineSession session = engine.newSession(256)) {
                int[] tokens = {0};
                int stopAfter = 1 + random.nextInt(4);
                session.generate(GenerationRequest.builder(prompt).maxTokens(6).build(),
                        id -> ++tokens[0] < stopAfter);
            }
        }
        KvCacheStats after = engine.kvCache().stats();
        assertEquals(0, after.held());
        assertEquals(engine.kvCache().blockBytes(), blockBytes());
        assertEquals(after.allocated(), after.cached() + after.free());
    }

    @Test
    void generationsStartingTogetherOnOnePrefixEvaluateItOnce() {
        engine = LlamaEngine.load(model, EngineOptions.builder().threads(2).batchSize(64).build());
        int[] system = ids(0, 3 * B + 5);
        int[][] prompts = {concat(system, new int[] {1, 2}), concat(system, new int[] {3}),
            concat(system, new int[] {4, 5, 6})};
        List<EngineSession> sessions = new ArrayList<>();
        List<Generation> generations = new ArrayList<>();
        try {
            for (int[] prompt : prompts) {
                EngineSession session = engine.newSession(256);
                sessions.add(session);
                generations.add(session.start(GenerationRequest.builder(prompt).maxTokens(5).build(),
                        TokenSink.IGNORE));
            }
            // the other two wait while the first evaluates the blocks all three share, though its last chunk (ids 64
            // to 102) leaves room in the batch
            while (generations.stream().anyMatch(g -> !g.done())) {
                engine.step(generations, 64);
            }
            GenerationStats first = generations.get(0).result().stats();
            assertEquals(0, first.promptTokensReused());
            assertEquals(prompts[0].length, first.promptTokensEvaluated());
            for (int i = 1; i < prompts.length; i++) {
                GenerationStats stats = generations.get(i).result().stats();
                // the three whole blocks are shared; the fourth is still being written by the first generation
                assertEquals(3 * B, stats.promptTokensReused(), "prompt " + i);
                assertEquals(prompts[i].length - 3 * B, stats.promptTokensEvaluated(), "prompt " + i);
                try (LlamaEngine alone = load(1L << 26); EngineSession session = alone.newSession(256)) {
                    assertArrayEquals(session.generate(GenerationRequest.builder(prompts[i]).maxTokens(5).build(),
                            TokenSink.IGNORE).generatedIds(), generations.get(i).result().generatedIds(),
                            "prompt " + i);
                }
            }
        } finally {
            sessions.forEach(EngineSession::close);
        }
    }

    @Test
    void cancelledGenerationGivesItsBlocksBack() {
        engine = load(1L << 26);
        try (EngineSession session = engine.newSession(256)) {
            GenerationResult result = session.generate(GenerationRequest.builder(PROMPT).maxTokens(40).build(),
                    id -> false);
            assertEquals(StopReason.CANCELLED, result.stopReason());
            assertEquals(3, engine.kvCache().stats().held());
        }
        assertEquals(new KvCacheStats(3, 0, 2, 1, blockBytes(), 1L << 26), engine.kvCache().stats());
    }

    private float[] freshLogits(int[] ids) {
        try (LlamaEngine alone = load(1L << 26); EngineSession session = alone.newSession(256)) {
            session.prefill(ids);
            return session.logits();
        }
    }

    private static LlamaEngine load(long kvMemory) {
        return load(kvMemory, 2);
    }

    private static LlamaEngine load(long kvMemory, int threads) {
        return LlamaEngine.load(model, EngineOptions.builder().threads(threads).batchSize(16).kvMemory(kvMemory)
                .build());
    }

    /** Two layers of keys and values, 2 kv heads of 16 F16 values, 32 positions. */
    private static long blockBytes() {
        return 2L * EngineSessionTest.TINY.layers() * B * EngineSessionTest.TINY.kvHeads()
                * EngineSessionTest.TINY.headDim() * 2;
    }

    private static int[] ids(int from, int count) {
        return IntStream.range(0, count).map(i -> (from + i * 7) % 500).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        return IntStream.concat(IntStream.of(a), IntStream.of(b)).toArray();
    }
}
