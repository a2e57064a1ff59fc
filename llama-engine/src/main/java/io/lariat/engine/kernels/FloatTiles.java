package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.Vectors.F;
import static io.lariat.engine.kernels.Vectors.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Register-tiled float products of up to four dequantized weight rows with a block of token activations: the
 * inner loop of batched prefill. Each loaded weight vector feeds four tokens and each token vector four rows, so the
 * loop does sixteen FMAs per eight loads.
 */
final class FloatTiles {
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);
    /** Columns per slice: the four weight slices (16 KiB) stay in L1 while token vectors stream past. */
    private static final int K_SLICE = 1024;
    /** Tokens per block: their slices of {@link #K_SLICE} columns (256 KiB) stay in L2 across rows. */
    static final int TOKEN_BLOCK = 64;

    private FloatTiles() {
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
     * Writes {@code out[(b0 + t) * outStride + r + i] = w_i · x_{b0 + t}} for i below {@code wRows} (1 to 4; row i
     * at {@code w[i * n]}) and t below {@code tokens}. The columns are processed in slices of {@link #K_SLICE} so
     * that the four weight slices stay in L1 while the token vectors stream past them.
     */
    static void multiply(float[] w, int wRows, int n, float[] x, int b0, int tokens, float[] out, int outStride,
                         int r) {
        for (int k0 = 0; k0 < n; k0 += K_SLICE) {
            int k1 = Math.min(n, k0 + K_SLICE);
            boolean first = k0 == 0;
            int t = 0;
            if (wRows == 4) {
                for (; t + 4 <= tokens; t += 4) {
                    tile4x4(w, n, x, b0 + t, k0, k1, out, outStride, r, first);
                }
            }
            for (; t < tokens; t++) {
                int xo = (b0 + t) * n;
                for (int i = 0; i < wRows; i++) {
                    int o = (b0 + t) * outStride + r + i;
                    float partial = dot(w, i * n + k0, x, xo + k0, k1 - k0);
                    out[o] = first ? partial : out[o] + partial;
                }
            }
        }
    }

    // Sixteen accumulators kept in registers; splitting this method would force them through memory.
    private static void tile4x4(float[] w, int n, float[] x, int b, int k0, int k1, float[] out, int outStride,
                                int r, boolean first) {
        FloatVector a00 = FloatVector.zero(F), a01 = FloatVector.zero(F), a02 = FloatVector.zero(F);
        FloatVector a03 = FloatVector.zero(F), a10 = FloatVector.zero(F), a11 = FloatVector.zero(F);
        FloatVector a12 = FloatVector.zero(F), a13 = FloatVector.zero(F), a20 = FloatVector.zero(F);
        FloatVector a21 = FloatVector.zero(F), a22 = FloatVector.zero(F), a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F), a31 = FloatVector.zero(F), a32 = FloatVector.zero(F);
        FloatVector a33 = FloatVector.zero(F);
        int x0 = b * n;
        int x1 = x0 + n;
        int x2 = x1 + n;
        int x3 = x2 + n;
        int upper = k0 + F.loopBound(k1 - k0);
        int k = k0;
        for (; k < upper; k += L) {
            FloatVector w0 = FloatVector.fromArray(F, w, k);
            FloatVector w1 = FloatVector.fromArray(F, w, n + k);
            FloatVector w2 = FloatVector.fromArray(F, w, 2 * n + k);
            FloatVector w3 = FloatVector.fromArray(F, w, 3 * n + k);
            FloatVector v = FloatVector.fromArray(F, x, x0 + k);
            a00 = w0.fma(v, a00);
            a10 = w1.fma(v, a10);
            a20 = w2.fma(v, a20);
            a30 = w3.fma(v, a30);
            v = FloatVector.fromArray(F, x, x1 + k);
            a01 = w0.fma(v, a01);
            a11 = w1.fma(v, a11);
            a21 = w2.fma(v, a21);
            a31 = w3.fma(v, a31);
            v = FloatVector.fromArray(F, x, x2 + k);
            a02 = w0.fma(v, a02);
            a12 = w1.fma(v, a12);
            a22 = w2.fma(v, a22);
            a32 = w3.fma(v, a32);
            v = FloatVector.fromArray(F, x, x3 + k);
            a03 = w0.fma(v, a03);
            a13 = w1.fma(v, a13);
            a23 = w2.fma(v, a23);
            a33 = w3.fma(v, a33);
        }
        int o = b * outStride + r;
        finish(a00, w, k, x, x0 + k, k1 - k, out, o, first);
        finish(a01, w, k, x, x1 + k, k1 - k, out, o + outStride, first);
        finish(a02, w, k, x, x2 + k, k1 - k, out, o + 2 * outStride, first);
        finish(a03, w, k, x, x3 + k, k1 - k, out, o + 3 * outStride, first);
        finish(a10, w, n + k, x, x0 + k, k1 - k, out, o + 1, first);
        finish(a11, w, n + k, x, x1 + k, k1 - k, out, o + 1 + outStride, first);
        finish(a12, w, n + k, x, x2 + k, k1 - k, out, o + 1 + 2 * outStride, first);
        finish(a13, w, n + k, x, x3 + k, k1 - k, out, o + 1 + 3 * outStride, first);
        finish(a20, w, 2 * n + k, x, x0 + k, k1 - k, out, o + 2, first);
        finish(a21, w, 2 * n + k, x, x1 + k, k1 - k, out, o + 2 + outStride, first);
        finish(a22, w, 2 * n + k, x, x2 + k, k1 - k, out, o + 2 + 2 * outStride, first);
        finish(a23, w, 2 * n + k, x, x3 + k, k1 - k, out, o + 2 + 3 * outStride, first);
        finish(a30, w, 3 * n + k, x, x0 + k, k1 - k, out, o + 3, first);
        finish(a31, w, 3 * n + k, x, x1 + k, k1 - k, out, o + 3 + outStride, first);
        finish(a32, w, 3 * n + k, x, x2 + k, k1 - k, out, o + 3 + 2 * outStride, first);
        finish(a33, w, 3 * n + k, x, x3 + k, k1 - k, out, o + 3 + 3 * outStride, first);
    }

    /** Reduces one accumulator, adds the scalar tail of {@code tail} columns, and stores or accumulates. */
    private static void finish(FloatVector acc, float[] w, int wo, float[] x, int xo, int tail, float[] out, int o,
                               boolean first) {
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (int i = 0; i < tail; i++) {
            sum += w[wo + i] * x[xo + i];
        }
        out[o] = first ? sum : out[o] + sum;
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
