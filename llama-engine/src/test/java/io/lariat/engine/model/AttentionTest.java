package io.lariat.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.engine.kernels.WorkerPool;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Block-wise attention with an online softmax against a float64 softmax over the whole history, at depths around
 * and across block and tile boundaries, for decode (one token) and prefill (several tokens per call).
 */
class AttentionTest {
    /** 8 query heads on 2 kv heads (groups of 4, as Llama 3.2 1B), head width 32. */
    private static final LlamaConfig CONFIG = new LlamaConfig(256, 512, 2, 8, 2, 32, 100, 4096, 1e-5f, 10000f);
    /** 6 query heads on 2 kv heads (groups of 3, as Llama 3.2 3B), head width 48: the one-head kernels. */
    private static final LlamaConfig GROUPS_OF_THREE = new LlamaConfig(288, 512, 2, 6, 2, 48, 100, 4096, 1e-5f,
            10000f);
    private static WorkerPool pool;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(1, 1, CONFIG), Arguments.of(31, 1, CONFIG), Arguments.of(33, 1, CONFIG),
                Arguments.of(300, 1, CONFIG), Arguments.of(1100, 1, CONFIG), Arguments.of(0, 17, CONFIG),
                Arguments.of(40, 50, CONFIG), Arguments.of(500, 33, CONFIG), Arguments.of(70, 1, GROUPS_OF_THREE),
                Arguments.of(40, 20, GROUPS_OF_THREE));
    }

    @ParameterizedTest(name = "depth {0}, {1} tokens per call, {2}")
    @MethodSource("cases")
    void onlineSoftmaxEqualsTheReference(int depth, int count, LlamaConfig config) {
        int total = depth + count;
        Random random = new Random(depth * 31L + count);
        float[][] q = randoms(random, total, config.queryDim(), 2f);
        float[][] k = randoms(random, total, config.kvDim(), 2f);
        float[][] v = randoms(random, total, config.kvDim(), 1f);
        Attention attention = new Attention(config, pool);
        try (KvCache cache = KvCache.create(config, KvCacheType.F32, 1L << 28);
             KvSequence seq = cache.newSequence(total)) {
            Activations act = new Activations(config, Math.max(count, 64));
            int[] ids = new int[total];
            for (int from = 0; from < total; ) {
                int n = from < depth ? Math.min(64, depth - from) : count;
                load(config, act, q, k, v, from, n);
                seq.reserve(ids, from, n, from);
                attention.run(seq, 1, act, 0, n, from);
                seq.commit();
                // every token of the measured call, the last one of each call that builds the depth
                for (int t = from < depth ? n - 1 : 0; t < n; t++) {
                    float[] expected = reference(config, q, k, v, from + t);
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], act.att[t * config.queryDim() + i], 2e-5,
                                "position " + (from + t) + " element " + i);
                    }
                }
                from += n;
            }
        }
    }

    static Stream<Arguments> halfCases() {
        return Stream.of(Arguments.of(33, 1), Arguments.of(40, 50), Arguments.of(500, 1));
    }

    @ParameterizedTest(name = "depth {0}, {1} tokens per call")
    @MethodSource("halfCases")
    void halfCacheStaysWithinItsRounding(int depth, int count) {
        int total = depth + count;
        Random random = new Random(depth * 17L + count);
        float[][] q = randoms(random, total, CONFIG.queryDim(), 2f);
        float[][] k = randoms(random, total, CONFIG.kvDim(), 2f);
        float[][] v = randoms(random, total, CONFIG.kvDim(), 1f);
        Attention attention = new Attention(CONFIG, pool);
        try (KvCache cache = KvCache.create(CONFIG, KvCacheType.F16, 1L << 28);
             KvSequence seq = cache.newSequence(total)) {
            Activations act = new Activations(CONFIG, Math.max(total, 1));
            load(CONFIG, act, q, k, v, 0, total);
            seq.reserve(new int[total], 0, total, 0);
            attention.run(seq, 0, act, 0, total, 0);
            float[] expected = reference(CONFIG, q, k, v, total - 1);
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - act.att[(total - 1) * CONFIG.queryDim() + i]));
            }
            assertTrue(worst < 5e-3, "largest difference " + worst);
        }
    }

    private static void load(LlamaConfig config, Activations act, float[][] q, float[][] k, float[][] v, int from,
                             int n) {
        for (int t = 0; t < n; t++) {
            System.arraycopy(q[from + t], 0, act.q, t * config.queryDim(), config.queryDim());
            System.arraycopy(k[from + t], 0, act.k, t * config.kvDim(), config.kvDim());
            System.arraycopy(v[from + t], 0, act.v, t * config.kvDim(), config.kvDim());
        }
    }

    /** Every query head of the token at {@code position}, softmax over positions 0..position in float64. */
    private static float[] reference(LlamaConfig config, float[][] q, float[][] k, float[][] v, int position) {
        int dim = config.headDim();
        int group = config.heads() / config.kvHeads();
        float[] out = new float[config.queryDim()];
        for (int head = 0; head < config.heads(); head++) {
            int kv = head / group * dim;
            double[] scores = new double[position + 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int p = 0; p <= position; p++) {
                double dot = 0;
                for (int i = 0; i < dim; i++) {
                    dot += (double) q[position][head * dim + i] * k[p][kv + i];
                }
                scores[p] = dot / Math.sqrt(dim);
                max = Math.max(max, scores[p]);
            }
            double sum = 0;
            for (int p = 0; p <= position; p++) {
                scores[p] = Math.exp(scores[p] - max);
                sum += scores[p];
            }
            for (int i = 0; i < dim; i++) {
                double acc = 0;
                for (int p = 0; p <= position; p++) {
                    acc += scores[p] * v[p][kv + i];
                }
                out[head * dim + i] = (float) (acc / sum);
            }
        }
        return out;
    }

    private static float[][] randoms(Random random, int rows, int width, float scale) {
        float[][] out = new float[rows][width];
        for (float[] row : out) {
            for (int i = 0; i < width; i++) {
                row[i] = (float) random.nextGaussian() * scale;
            }
        }
        return out;
    }
}
