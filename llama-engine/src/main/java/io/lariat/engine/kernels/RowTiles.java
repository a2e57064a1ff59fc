package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.Vectors.F;
import static io.lariat.engine.kernels.Vectors.L;
import static io.lariat.engine.kernels.Vectors.SIXTEEN_REGISTERS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Register tiles of row-wise dot products for the float products of small batches (2 to 15 tokens on the exact path,
 * the batches of a few sequences' decode steps): up to four dequantized weight rows times up to 6 tokens, each
 * loaded weight vector feeding six tokens and each token vector four rows (24 FMAs per ten loads). Below a vector of
 * tokens, {@link FloatTiles}' transposed tiles would compute padding lanes (at 8 tokens, half of each vector): these
 * tiles measured 1.2-1.7x their rate at 8 tokens and 1.1-1.3x at 15 (PrefillRates, exact path, thread CPU time). Token
 * counts that are not a multiple of six end with a 4 by 4 tile and 4 by 1 tiles.
 *
 * <p>The caller walks the columns in slices of {@link FloatTiles#K_SLICE}; each row's slice is dequantized into L1 just before
 * its tiles while the batch's slice of activations stays in L1/L2.
 */
final class RowTiles {
    /** Size of the buffer through which a tile's accumulators leave it: 24 vectors. */
    static final int LANES = 24 * L;

    private RowTiles() {
    }

    /**
     * One column slice of a product: for i below {@code wRows} (1 to 4; the slice of row i at
     * {@code w[i * len .. (i + 1) * len)}) and t below {@code tokens}, adds {@code w_i · x[(b0 + t) * xStride + k0
     * ..+ len)} to {@code out[(b0 + t) * outStride + r + i]}, or stores it there for the {@code first} slice.
     * {@code lanes} is the caller's buffer of at least {@link #LANES} floats, through which tiles hand over sums.
     */
    static void multiply(float[] w, int wRows, int len, float[] x, int xStride, int k0, int b0, int tokens,
                         float[] out, int outStride, int r, boolean first, float[] lanes) {
        int t = 0;
        if (wRows == 4 && SIXTEEN_REGISTERS) {
            // with 16 registers the 4 by 6 and 4 by 4 tiles' accumulators would spill: 4 by 2 tiles instead (2,048 x
            // 2,048 Q4_0 exact, 8 and 15 tokens, 12.1 / 14.6 -> 12.8-13.2 / 16.2-16.7 G multiply-adds/s per thread;
            // Q8_0 10.5 / 14.5 -> 10.5-11.2 / 15.1-16.4; PrefillRates, AMD EPYC with AVX2, builds alternated)
            for (; t + 2 <= tokens; t += 2) {
                tile4x2(w, len, x, xStride, k0, b0 + t, out, outStride, r, first, lanes);
            }
            for (; t < tokens; t++) {
                tile4x1(w, len, x, xStride, k0, b0 + t, out, outStride, r, first, lanes);
            }
        }
        if (wRows == 4) {
            for (; t + 6 <= tokens; t += 6) {
                tile4x6(w, len, x, xStride, k0, b0 + t, out, outStride, r, first, lanes);
            }
            if (t + 4 <= tokens) {
                tile4x4(w, len, x, xStride, k0, b0 + t, out, outStride, r, first, lanes);
                t += 4;
            }
            for (; t < tokens; t++) {
                tile4x1(w, len, x, xStride, k0, b0 + t, out, outStride, r, first, lanes);
            }
        }
        for (; t < tokens; t++) {
            int xo = (b0 + t) * xStride + k0;
            for (int i = 0; i < wRows; i++) {
                int o = (b0 + t) * outStride + r + i;
                float partial = dot(w, i * len, x, xo, len);
                out[o] = first ? partial : out[o] + partial;
            }
        }
    }

    // Twenty-four accumulators kept in registers (with four weight vectors and one token vector: 29 of the 32
    // AVX-512 registers); splitting this method would force them through memory. No vector crosses a call (the JIT
    // would box it, and with 24 of them stops inlining): the sums leave through the lanes array.
    private static void tile4x6(float[] w, int len, float[] x, int xStride, int k0, int b, float[] out,
                                int outStride, int r, boolean first, float[] lanes) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector a00 = zero, a01 = zero, a02 = zero, a03 = zero, a04 = zero, a05 = zero;
        FloatVector a10 = zero, a11 = zero, a12 = zero, a13 = zero, a14 = zero, a15 = zero;
        FloatVector a20 = zero, a21 = zero, a22 = zero, a23 = zero, a24 = zero, a25 = zero;
        FloatVector a30 = zero, a31 = zero, a32 = zero, a33 = zero, a34 = zero, a35 = zero;
        int x0 = b * xStride + k0;
        int x1 = x0 + xStride;
        int x2 = x1 + xStride;
        int x3 = x2 + xStride;
        int x4 = x3 + xStride;
        int x5 = x4 + xStride;
        int upper = F.loopBound(len);
        int c = 0;
        for (; c < upper; c += L) {
            FloatVector w0 = FloatVector.fromArray(F, w, c);
            FloatVector w1 = FloatVector.fromArray(F, w, len + c);
            FloatVector w2 = FloatVector.fromArray(F, w, 2 * len + c);
            FloatVector w3 = FloatVector.fromArray(F, w, 3 * len + c);
            FloatVector v = FloatVector.fromArray(F, x, x0 + c);
            a00 = w0.fma(v, a00);
            a10 = w1.fma(v, a10);
            a20 = w2.fma(v, a20);
            a30 = w3.fma(v, a30);
            v = FloatVector.fromArray(F, x, x1 + c);
            a01 = w0.fma(v, a01);
            a11 = w1.fma(v, a11);
            a21 = w2.fma(v, a21);
            a31 = w3.fma(v, a31);
            v = FloatVector.fromArray(F, x, x2 + c);
            a02 = w0.fma(v, a02);
            a12 = w1.fma(v, a12);
            a22 = w2.fma(v, a22);
            a32 = w3.fma(v, a32);
            v = FloatVector.fromArray(F, x, x3 + c);
            a03 = w0.fma(v, a03);
            a13 = w1.fma(v, a13);
            a23 = w2.fma(v, a23);
            a33 = w3.fma(v, a33);
            v = FloatVector.fromArray(F, x, x4 + c);
            a04 = w0.fma(v, a04);
            a14 = w1.fma(v, a14);
            a24 = w2.fma(v, a24);
            a34 = w3.fma(v, a34);
            v = FloatVector.fromArray(F, x, x5 + c);
            a05 = w0.fma(v, a05);
            a15 = w1.fma(v, a15);
            a25 = w2.fma(v, a25);
            a35 = w3.fma(v, a35);
        }
        a00.intoArray(lanes, 0 * L);
        a01.intoArray(lanes, 1 * L);
        a02.intoArray(lanes, 2 * L);
        a03.intoArray(lanes, 3 * L);
        a04.intoArray(lanes, 4 * L);
        a05.intoArray(lanes, 5 * L);
        a10.intoArray(lanes, 6 * L);
        a11.intoArray(lanes, 7 * L);
        a12.intoArray(lanes, 8 * L);
        a13.intoArray(lanes, 9 * L);
        a14.intoArray(lanes, 10 * L);
        a15.intoArray(lanes, 11 * L);
        a20.intoArray(lanes, 12 * L);
        a21.intoArray(lanes, 13 * L);
        a22.intoArray(lanes, 14 * L);
        a23.intoArray(lanes, 15 * L);
        a24.intoArray(lanes, 16 * L);
        a25.intoArray(lanes, 17 * L);
        a30.intoArray(lanes, 18 * L);
        a31.intoArray(lanes, 19 * L);
        a32.intoArray(lanes, 20 * L);
        a33.intoArray(lanes, 21 * L);
        a34.intoArray(lanes, 22 * L);
        a35.intoArray(lanes, 23 * L);
        reduce(lanes, 6, w, len, c, x, xStride, k0, b, out, outStride, r, first);
    }

    // Sixteen accumulators kept in registers, for four tokens left after the 4 by 6 tiles.
    private static void tile4x4(float[] w, int len, float[] x, int xStride, int k0, int b, float[] out,
                                int outStride, int r, boolean first, float[] lanes) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector a00 = zero, a01 = zero, a02 = zero, a03 = zero, a10 = zero, a11 = zero;
        FloatVector a12 = zero, a13 = zero, a20 = zero, a21 = zero, a22 = zero, a23 = zero;
        FloatVector a30 = zero, a31 = zero, a32 = zero, a33 = zero;
        int x0 = b * xStride + k0;
        int x1 = x0 + xStride;
        int x2 = x1 + xStride;
        int x3 = x2 + xStride;
        int upper = F.loopBound(len);
        int c = 0;
        for (; c < upper; c += L) {
            FloatVector w0 = FloatVector.fromArray(F, w, c);
            FloatVector w1 = FloatVector.fromArray(F, w, len + c);
            FloatVector w2 = FloatVector.fromArray(F, w, 2 * len + c);
            FloatVector w3 = FloatVector.fromArray(F, w, 3 * len + c);
            FloatVector v = FloatVector.fromArray(F, x, x0 + c);
            a00 = w0.fma(v, a00);
            a10 = w1.fma(v, a10);
            a20 = w2.fma(v, a20);
            a30 = w3.fma(v, a30);
            v = FloatVector.fromArray(F, x, x1 + c);
            a01 = w0.fma(v, a01);
            a11 = w1.fma(v, a11);
            a21 = w2.fma(v, a21);
            a31 = w3.fma(v, a31);
            v = FloatVector.fromArray(F, x, x2 + c);
            a02 = w0.fma(v, a02);
            a12 = w1.fma(v, a12);
            a22 = w2.fma(v, a22);
            a32 = w3.fma(v, a32);
            v = FloatVector.fromArray(F, x, x3 + c);
            a03 = w0.fma(v, a03);
            a13 = w1.fma(v, a13);
            a23 = w2.fma(v, a23);
            a33 = w3.fma(v, a33);
        }
        a00.intoArray(lanes, 0 * L);
        a01.intoArray(lanes, 1 * L);
        a02.intoArray(lanes, 2 * L);
        a03.intoArray(lanes, 3 * L);
        a10.intoArray(lanes, 4 * L);
        a11.intoArray(lanes, 5 * L);
        a12.intoArray(lanes, 6 * L);
        a13.intoArray(lanes, 7 * L);
        a20.intoArray(lanes, 8 * L);
        a21.intoArray(lanes, 9 * L);
        a22.intoArray(lanes, 10 * L);
        a23.intoArray(lanes, 11 * L);
        a30.intoArray(lanes, 12 * L);
        a31.intoArray(lanes, 13 * L);
        a32.intoArray(lanes, 14 * L);
        a33.intoArray(lanes, 15 * L);
        reduce(lanes, 4, w, len, c, x, xStride, k0, b, out, outStride, r, first);
    }

    // Eight accumulators kept in registers: AVX2's tile (see Vectors.SIXTEEN_REGISTERS).
    private static void tile4x2(float[] w, int len, float[] x, int xStride, int k0, int b, float[] out,
                                int outStride, int r, boolean first, float[] lanes) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector a00 = zero, a01 = zero, a10 = zero, a11 = zero;
        FloatVector a20 = zero, a21 = zero, a30 = zero, a31 = zero;
        int x0 = b * xStride + k0;
        int x1 = x0 + xStride;
        int upper = F.loopBound(len);
        int c = 0;
        for (; c < upper; c += L) {
            FloatVector w0 = FloatVector.fromArray(F, w, c);
            FloatVector w1 = FloatVector.fromArray(F, w, len + c);
            FloatVector w2 = FloatVector.fromArray(F, w, 2 * len + c);
            FloatVector w3 = FloatVector.fromArray(F, w, 3 * len + c);
            FloatVector v = FloatVector.fromArray(F, x, x0 + c);
            a00 = w0.fma(v, a00);
            a10 = w1.fma(v, a10);
            a20 = w2.fma(v, a20);
            a30 = w3.fma(v, a30);
            v = FloatVector.fromArray(F, x, x1 + c);
            a01 = w0.fma(v, a01);
            a11 = w1.fma(v, a11);
            a21 = w2.fma(v, a21);
            a31 = w3.fma(v, a31);
        }
        a00.intoArray(lanes, 0 * L);
        a01.intoArray(lanes, 1 * L);
        a10.intoArray(lanes, 2 * L);
        a11.intoArray(lanes, 3 * L);
        a20.intoArray(lanes, 4 * L);
        a21.intoArray(lanes, 5 * L);
        a30.intoArray(lanes, 6 * L);
        a31.intoArray(lanes, 7 * L);
        reduce(lanes, 2, w, len, c, x, xStride, k0, b, out, outStride, r, first);
    }

    // Four rows by one token: four independent multiply-add chains instead of one, for the last tokens of a block.
    private static void tile4x1(float[] w, int len, float[] x, int xStride, int k0, int b, float[] out,
                                int outStride, int r, boolean first, float[] lanes) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector a00 = zero, a10 = zero, a20 = zero, a30 = zero;
        int x0 = b * xStride + k0;
        int upper = F.loopBound(len);
        int c = 0;
        for (; c < upper; c += L) {
            FloatVector w0 = FloatVector.fromArray(F, w, c);
            FloatVector w1 = FloatVector.fromArray(F, w, len + c);
            FloatVector w2 = FloatVector.fromArray(F, w, 2 * len + c);
            FloatVector w3 = FloatVector.fromArray(F, w, 3 * len + c);
            FloatVector v = FloatVector.fromArray(F, x, x0 + c);
            a00 = w0.fma(v, a00);
            a10 = w1.fma(v, a10);
            a20 = w2.fma(v, a20);
            a30 = w3.fma(v, a30);
        }
        a00.intoArray(lanes, 0 * L);
        a10.intoArray(lanes, 1 * L);
        a20.intoArray(lanes, 2 * L);
        a30.intoArray(lanes, 3 * L);
        reduce(lanes, 1, w, len, c, x, xStride, k0, b, out, outStride, r, first);
    }

    /**
     * Reduces the accumulators of a tile of 4 rows by {@code tokens} tokens (row i, token j at
     * {@code lanes[(i * tokens + j) * L]}), adds the scalar tail of the slice's columns from {@code c} to
     * {@code len}, and stores ({@code first} slice) or accumulates into {@code out}.
     */
    private static void reduce(float[] lanes, int tokens, float[] w, int len, int c, float[] x, int xStride, int k0,
                               int b, float[] out, int outStride, int r, boolean first) {
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < tokens; j++) {
                float sum = FloatVector.fromArray(F, lanes, (i * tokens + j) * L).reduceLanes(VectorOperators.ADD);
                int xo = (b + j) * xStride + k0;
                for (int e = c; e < len; e++) {
                    sum += w[i * len + e] * x[xo + e];
                }
                int o = (b + j) * outStride + r + i;
                out[o] = first ? sum : out[o] + sum;
            }
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
