package io.lariat.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lariat.engine.model.KvCache;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Differential tests: each scalar-path operation against its Vector API twin, on lengths with and without tails. */
class ScalarMathTest {
    private static final float TOLERANCE = 1e-5f;

    private static float[] random(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextFloat() * 4 - 2;
        }
        return x;
    }

    private static void assertClose(float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 15, 16, 17, 64, 257})
    void elementWiseOperationsMatchTheVectorKernels(int n) {
        float[] x = random(n + 3, n);
        float[] gain = random(n, n + 1);
        float[] vector = new float[n + 3];
        float[] scalar = new float[n + 3];
        VectorMath.rmsNorm(x, gain, vector, 3, n, 1e-5f);
        ScalarMath.rmsNorm(x, gain, scalar, 3, n, 1e-5f);
        assertClose(vector, scalar);

        float[] gateV = random(n, 2L * n);
        float[] gateS = gateV.clone();
        float[] up = random(n, 3L * n);
        VectorMath.swiglu(gateV, up, 0, n);
        ScalarMath.swiglu(gateS, up, 0, n);
        assertClose(gateV, gateS);

        float[] sumV = random(n, 4L * n);
        float[] sumS = sumV.clone();
        VectorMath.add(sumV, up, 0, n);
        ScalarMath.add(sumS, up, 0, n);
        assertClose(sumV, sumS);
    }

    @ParameterizedTest(name = "half={0}")
    @ValueSource(booleans = {true, false})
    void widenedCacheValuesAreTheVectorKernelsValues(boolean half) {
        int count = 2 * KvCache.BLOCK_TOKENS + 5;
        float[] values = random(count, 7);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(4L * count + 8);
            ScalarMath.store(memory, half, 8, values, 0, count);
            float[] vector = new float[count];
            float[] scalar = new float[count];
            AttentionKernel.widen(memory, half, 8, count, vector);
            ScalarMath.widen(memory, half, 8, count, scalar);
            assertArrayEquals(vector, scalar);
            assertEquals(half ? Float.float16ToFloat(Float.floatToFloat16(values[3])) : values[3], scalar[3]);
        }
    }

    @ParameterizedTest(name = "heads={0}")
    @ValueSource(ints = {1, 4, 6})
    void attentionStepsMatchTheVectorKernels(int heads) {
        int block = KvCache.BLOCK_TOKENS;
        int dim = 64;
        int visible = block - 5;
        float[] keys = random(dim * block, 11);
        float[] q = random(heads * dim + 2, 12);
        float[] scoresV = new float[heads * block];
        float[] scoresS = new float[heads * block];
        AttentionKernel.groupScores(keys, block, dim, q, 2, heads, 0.125f, visible, scoresV);
        ScalarMath.groupScores(keys, block, dim, q, 2, heads, 0.125f, visible, scoresS);
        assertClose(scoresV, scoresS);

        for (int h = 0; h < heads; h++) {
            float shift = ScalarMath.max(scoresS, h * block, visible);
            assertEquals(AttentionKernel.expShifted(scoresV, h * block, block, shift),
                    ScalarMath.expShifted(scoresS, h * block, block, shift), TOLERANCE * block);
        }
        assertClose(scoresV, scoresS);

        float[] values = random(block * dim, 13);
        float[] rescale = random(heads, 14);
        float[] outV = random(heads * dim + 1, 15);
        float[] outS = outV.clone();
        AttentionKernel.groupAccumulate(outV, 1, dim, heads, rescale, scoresV, block, visible, values);
        ScalarMath.groupAccumulate(outS, 1, dim, heads, rescale, scoresS, block, visible, values);
        assertClose(outV, outS);
    }
}
