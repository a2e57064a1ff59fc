package io.lariat.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lariat.engine.bench.ModelShape;
import io.lariat.engine.bench.SyntheticModels;
import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.model.KvCacheAllocationException;
import io.lariat.engine.model.KvCacheType;
import io.lariat.engine.sampling.Sampler;
import io.lariat.engine.sampling.SamplingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions on a tiny random-weight model: prefix reuse, the step API, generation limits and stops. */
class EngineSessionTest {
    static final ModelShape TINY = new ModelShape("tiny", 64, 128, 2, 4, 2, 500, 4096, 8f, false);
    private static final int[] PROMPT = {1, 17, 42, 99, 7, 300, 12};

    @TempDir
    static Path dir;
    static LlamaEngine engine;

    @BeforeAll
    static void load() {
        Path model = dir.resolve("tiny.gguf");
        SyntheticModels.write(model, TINY, GgmlType.F32, 3);
        engine = LlamaEngine.load(model, EngineOptions.builder().threads(2).batchSize(4).build());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void extendedListEvaluatesOnlyTheSuffix() {
        try (EngineSession session = engine.newSession(64)) {
            PrefillResult first = session.prefill(PROMPT);
            assertEquals(0, first.reused());
            assertEquals(PROMPT.length, first.evaluated());
            int[] extended = IntStream.concat(IntStream.of(PROMPT), IntStream.of(5, 6, 8)).toArray();
            PrefillResult second = session.prefill(extended);
            assertEquals(PROMPT.length, second.reused());
            assertEquals(3, second.evaluated());
            assertArrayEquals(extended, session.cachedIds());
            assertEquals(0, session.prefill(extended).evaluated());
        }
    }

    @Test
    void reusedPrefixGivesTheSameLogitsAsAFreshSession() {
        int[] extended = IntStream.concat(IntStream.of(PROMPT), IntStream.of(5, 6, 8)).toArray();
        try (EngineSession reused = engine.newSession(64); EngineSession fresh = engine.newSession(64)) {
            reused.prefill(new int[] {1, 17, 42, 3, 3});
            assertEquals(3, reused.prefill(extended).reused());
            fresh.prefill(extended);
            assertArrayEquals(fresh.logits(), reused.logits(), 1e-5f);
        }
    }

    @Test
    void stepApiMatchesBatchedPrefill() {
        try (EngineSession stepped = engine.newSession(64); EngineSession batched = engine.newSession(64)) {
            stepped.prefill(new int[] {PROMPT[0]});
            for (int i = 1; i < PROMPT.length; i++) {
                stepped.append(PROMPT[i]);
            }
            batched.prefill(PROMPT);
            assertArrayEquals(batched.logits(), stepped.logits(), 1e-4f);
            assertArrayEquals(PROMPT, stepped.cachedIds());
        }
    }

    @Test
    void greedyGenerationFollowsArgmaxAndStopsAtLength() {
        try (EngineSession session = engine.newSession(64); EngineSession manual = engine.newSession(64)) {
            List<Integer> streamed = new ArrayList<>();
            GenerationResult result = session.generate(GenerationRequest.builder(PROMPT).maxTokens(5).build(),
                    id -> streamed.add(id));
            manual.prefill(PROMPT);
            int[] expected = new int[5];
            for (int i = 0; i < 5; i++) {
                expected[i] = Sampler.argmax(manual.logits());
                manual.append(expected[i]);
            }
            assertArrayEquals(expected, result.generatedIds());
            assertEquals(List.of(expected[0], expected[1], expected[2], expected[3], expected[4]), streamed);
            assertEquals(StopReason.LENGTH, result.stopReason());
            assertEquals(PROMPT.length, result.stats().promptTokensEvaluated());
            assertEquals(5, result.stats().generatedTokens());
        }
    }

    @Test
    void mostLikelyNextIsTheArgmaxOfTheLogitsAtEveryStep() {
        try (EngineSession session = engine.newSession(64)) {
            assertThrows(IllegalStateException.class, session::mostLikelyNext);
            session.prefill(PROMPT);
            for (int i = 0; i < 4; i++) {
                int id = session.mostLikelyNext();
                assertEquals(Sampler.argmax(session.logits()), id);
                session.append(id);
            }
        }
    }

    @Test
    void rowProductsOnlyLeavesTheCacheAndTheNextStepAsTheyWere() {
        float[] expected;
        try (EngineSession session = engine.newSession(64)) {
            session.prefill(PROMPT);
            session.append(5);
            session.append(6);
            expected = session.logits().clone();
        }
        try (EngineSession session = engine.newSession(64)) {
            session.prefill(PROMPT);
            session.append(5);
            session.rowProductsOnly();
            session.rowProductsOnly();
            assertThrows(IllegalStateException.class, session::mostLikelyNext);
            session.append(6);
            assertArrayEquals(expected, session.logits());
        }
    }

    @Test
    void callerStopIdEndsGenerationWithoutBeingReturned() {
        int[] free;
        try (EngineSession session = engine.newSession(64)) {
            free = session.generate(GenerationRequest.builder(PROMPT).maxTokens(4).build(), TokenSink.IGNORE)
                    .generatedIds();
        }
        try (EngineSession session = engine.newSession(64)) {
            GenerationResult result = session.generate(GenerationRequest.builder(PROMPT).maxTokens(4)
                    .extraStops(free[2]).build(), TokenSink.IGNORE);
            int firstStop = free[0] == free[2] ? 0 : free[1] == free[2] ? 1 : 2;
            assertEquals(new StopReason.StopToken(free[2]), result.stopReason());
            assertEquals(firstStop, result.generatedIds().length);
        }
    }

    @Test
    void sinkReturningFalseCancels() {
        try (EngineSession session = engine.newSession(64)) {
            int[] count = {0};
            GenerationResult result = session.generate(GenerationRequest.builder(PROMPT).maxTokens(50).build(),
                    id -> ++count[0] < 2);
            assertEquals(StopReason.CANCELLED, result.stopReason());
            assertEquals(2, result.generatedIds().length);
        }
    }

    @Test
    void sameSeedSameOutput() {
        SamplingOptions sampling = SamplingOptions.builder().temperature(1.2f).topK(0).minP(0).seed(99).build();
        GenerationRequest request = GenerationRequest.builder(PROMPT).sampling(sampling).maxTokens(12).build();
        try (EngineSession a = engine.newSession(64); EngineSession b = engine.newSession(64)) {
            assertArrayEquals(a.generate(request, TokenSink.IGNORE).generatedIds(),
                    b.generate(request, TokenSink.IGNORE).generatedIds());
        }
    }

    @Test
    void fullContextEndsGeneration() {
        try (EngineSession session = engine.newSession(10)) {
            GenerationResult result = session.generate(GenerationRequest.builder(PROMPT).maxTokens(50).build(),
                    TokenSink.IGNORE);
            assertEquals(StopReason.CONTEXT_FULL, result.stopReason());
            assertEquals(4, result.generatedIds().length);
            assertThrows(ContextOverflowException.class, () -> session.prefill(new int[11]));
        }
    }

    @Test
    void topLogitsGivesEveryPositionHighestFirst() {
        List<List<TokenLogit>> positions = engine.topLogits(PROMPT, 3);
        assertEquals(PROMPT.length, positions.size());
        try (EngineSession session = engine.newSession(64)) {
            session.prefill(PROMPT);
            float[] last = session.logits();
            List<TokenLogit> top = positions.get(PROMPT.length - 1);
            assertEquals(Sampler.argmax(last), top.get(0).id());
            assertEquals(last[top.get(1).id()], top.get(1).logit(), 1e-4f);
            assertEquals(true, top.get(0).logit() >= top.get(1).logit() && top.get(1).logit() >= top.get(2).logit());
        }
    }

    @Test
    void concurrentSessionsGiveTheSameTokensAsSequentialOnes() throws Exception {
        List<int[]> prompts = List.of(PROMPT, new int[] {2, 4, 6, 8, 10, 12, 14, 16, 18}, new int[] {400, 3},
                new int[] {9, 9, 9, 9, 1});
        List<int[]> sequential = new ArrayList<>();
        for (int[] prompt : prompts) {
            try (EngineSession session = engine.newSession(64)) {
                sequential.add(session.generate(GenerationRequest.builder(prompt).maxTokens(8).build(),
                        TokenSink.IGNORE).generatedIds());
            }
        }
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(prompts.size())) {
            List<java.util.concurrent.Future<int[]>> futures = new ArrayList<>();
            for (int[] prompt : prompts) {
                futures.add(executor.submit(() -> {
                    try (EngineSession session = engine.newSession(64)) {
                        return session.generate(GenerationRequest.builder(prompt).maxTokens(8).build(),
                                TokenSink.IGNORE).generatedIds();
                    }
                }));
            }
            for (int i = 0; i < prompts.size(); i++) {
                assertArrayEquals(sequential.get(i), futures.get(i).get(), "prompt " + i);
            }
        }
    }

    @Test
    void contextBeyondTheModelsIsRefusedWithTheFigures() {
        KvCacheAllocationException e = assertThrows(KvCacheAllocationException.class,
                () -> engine.newSession(TINY.contextLength() + 1));
        assertEquals(TINY.contextLength() + 1, e.contextSize());
        assertEquals(engine.kvCacheBytes(TINY.contextLength() + 1), e.bytesNeeded());
        assertEquals("KV cache for 4097 tokens (1.00 MiB): context must be between 1 and the model's 4096 tokens",
                e.getMessage());
    }

    @Test
    void kvCacheLimitIsReportedAndBlocksAreTakenAsTheSessionGrows() {
        List<Long> reported = new ArrayList<>();
        try (LlamaEngine other = LlamaEngine.load(engine.path(), EngineOptions.builder().threads(1)
                .kvCacheType(KvCacheType.F32).listener((context, bytes) -> reported.add(bytes)).build());
             EngineSession session = other.newSession(100)) {
            long expected = 2L * TINY.layers() * 100 * (TINY.kvHeads() * TINY.headDim()) * 4;
            assertEquals(List.of(expected), reported);
            assertEquals(0, session.kvCacheBytes());
            session.prefill(PROMPT);
            assertEquals(2L * TINY.layers() * 32 * (TINY.kvHeads() * TINY.headDim()) * 4, session.kvCacheBytes());
        }
    }
}
