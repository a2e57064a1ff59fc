package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.Vectors.F;
import static io.lariat.engine.kernels.Vectors.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Register-tiled float products of up to two dequantized weight rows with a block of token activations: the
 * inner loop of batched prefill. Each loaded weight vector feeds four tokens and each token vector two rows, so the
 * loop does eight FMAs per six loads.
 */
final class FloatTiles {
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);
    /** Bytes of activations per token block: half of a 2 MiB L2 so the block stays cached across rows. */
    private static final int BLOCK_BYTES = 512 * 1024;

    private FloatTiles() {
    }

    /** Tokens per cache block for rows of {@code cols} floats: a multiple of 4 between 4 and 64. */
    static int tokenBlock(int cols) {
        int tokens = BLOCK_BYTES / (4 * cols);
        return Math.clamp(tokens / 4 * 4, 4, 64);
    }

    /** This thread's scratch buffer of at least {@code size} floats. */
    static float[] scratch(int size) {
        float[] buffer = SCRATCH.get();
        if (buffer.length < size) {
            buffer = new float[size];
            SCRATCH.set(buffer);
        }
        return buffer;
    }

    /**
     * Writes {@code out[(b0 + t) * outStride + r + i] = w_i · x_{b0 + t}} for i below {@code wRows} (1 or 2; row i
     * at {@code w[i * n]}) and t below {@code tokens}.
     */
    static void multiply(float[] w, int wRows, int n, float[] x, int b0, int tokens, float[] out, int outStride,
                         int r) {
        int t = 0;
        if (wRows == 2) {
            for (; t + 4 <= tokens; t += 4) {
                tile2x4(w, n, x, b0 + t, out, outStride, r);
            }
        }
        for (; t < tokens; t++) {
            int xo = (b0 + t) * n;
            for (int i = 0; i < wRows; i++) {
                out[(b0 + t) * outStride + r + i] = dot(w, i * n, x, xo, n);
            }
        }
    }

    // Eight accumulators kept in registers; splitting this method would force them through memory.
    private static void tile2x4(float[] w, int n, float[] x, int b, float[] out, int outStride, int r) {
        FloatVector a00 = FloatVector.zero(F), a01 = FloatVector.zero(F), a02 = FloatVector.zero(F);
        FloatVector a03 = FloatVector.zero(F), a10 = FloatVector.zero(F), a11 = FloatVector.zero(F);
        FloatVector a12 = FloatVector.zero(F), a13 = FloatVector.zero(F);
        int x0 = b * n;
        int x1 = x0 + n;
        int x2 = x1 + n;
        int x3 = x2 + n;
        int upper = F.loopBound(n);
        int k = 0;
        for (; k < upper; k += L) {
            FloatVector w0 = FloatVector.fromArray(F, w, k);
            FloatVector w1 = FloatVector.fromArray(F, w, n + k);
            FloatVector v = FloatVector.fromArray(F, x, x0 + k);
            a00 = w0.fma(v, a00);
            a10 = w1.fma(v, a10);
            v = FloatVector.fromArray(F, x, x1 + k);
            a01 = w0.fma(v, a01);
            a11 = w1.fma(v, a11);
            v = FloatVector.fromArray(F, x, x2 + k);
            a02 = w0.fma(v, a02);
            a12 = w1.fma(v, a12);
            v = FloatVector.fromArray(F, x, x3 + k);
            a03 = w0.fma(v, a03);
            a13 = w1.fma(v, a13);
        }
        float[] s = {a00.reduceLanes(VectorOperators.ADD), a01.reduceLanes(VectorOperators.ADD),
                a02.reduceLanes(VectorOperators.ADD), a03.reduceLanes(VectorOperators.ADD),
                a10.reduceLanes(VectorOperators.ADD), a11.reduceLanes(VectorOperators.ADD),
                a12.reduceLanes(VectorOperators.ADD), a13.reduceLanes(VectorOperators.ADD)};
        for (; k < n; k++) {
            for (int t = 0; t < 4; t++) {
                s[t] += w[k] * x[x0 + t * n + k];
                s[4 + t] += w[n + k] * x[x0 + t * n + k];
            }
        }
        for (int t = 0; t < 4; t++) {
            out[(b + t) * outStride + r] = s[t];
            out[(b + t) * outStride + r + 1] = s[4 + t];
        }
    }

    /** Float dot product of {@code a[ao .. ao + n)} and {@code b[bo .. bo + n)}. */
    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc = FloatVector.zero(F);
        int upper = F.loopBound(n);
        int k = 0;
        for (; k < upper; k += L) {
            acc = FloatVector.fromArray(F, a, ao + k).fma(FloatVector.fromArray(F, b, bo + k), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; k < n; k++) {
            sum += a[ao + k] * b[bo + k];
        }
        return sum;
    }
}
