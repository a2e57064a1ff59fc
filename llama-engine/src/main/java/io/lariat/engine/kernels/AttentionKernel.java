package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.Vectors.F;
import static io.lariat.engine.kernels.Vectors.I;
import static io.lariat.engine.kernels.Vectors.FLOAT_LE;
import static io.lariat.engine.kernels.Vectors.L;
import static io.lariat.engine.kernels.Vectors.LE;
import static io.lariat.engine.kernels.Vectors.S;
import static io.lariat.engine.kernels.Vectors.SHORT_LE;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The pieces of block-wise attention with an online softmax: widening a block of cached F16/F32 keys or values to
 * floats once, the scores of the query heads of one GQA group against a block of keys stored dimension-major
 * ({@code [dim][block]}, so one vector holds consecutive positions and no horizontal sum is needed), and the running
 * softmax update of their output rows with a block of values. The group's heads are computed together, so every
 * key and value vector loaded feeds four heads. Stateless and thread-safe.
 */
public final class AttentionKernel {
    /** The sign bit and the f16 exponent and mantissa bits moved to f32 position. */
    private static final int HALF_BITS = 0x8FFFE000;
    /** 2^112: rescales an f16 exponent (bias 15) in f32 position to the f32 bias 127. */
    private static final float HALF_EXPONENT_FIX = 0x1p112f;

    private AttentionKernel() {
    }

    /** Widens {@code count} consecutive F16 ({@code half}) or F32 values at byte {@code at} into {@code out[0 ..]}. */
    public static void widen(MemorySegment memory, boolean half, long at, int count, float[] out) {
        if (!half) {
            MemorySegment.copy(memory, FLOAT_LE, at, out, 0, count);
            return;
        }
        // At depth this conversion is most of a decode token's attention work, hence three integer operations and
        // a multiply rather than the general widening: a sign-extended half shifted left by 13 holds its sign in
        // bit 31 and its exponent and mantissa in f32 position (bits 13..27); masking the sign's other copies and
        // rescaling the exponent bias by 2^112 gives the float, subnormals included. Caches never hold inf or NaN.
        int upper = F.loopBound(count);
        int i = 0;
        for (; i < upper; i += L) {
            IntVector bits = (IntVector) ShortVector.fromMemorySegment(S, memory, at + 2L * i, LE)
                    .convertShape(VectorOperators.S2I, I, 0);
            bits.lanewise(VectorOperators.LSHL, 13).and(HALF_BITS).reinterpretAsFloats().mul(HALF_EXPONENT_FIX)
                    .intoArray(out, i);
        }
        for (; i < count; i++) {
            out[i] = Float.float16ToFloat(memory.get(SHORT_LE, at + 2L * i));
        }
    }

    /**
     * Scores of the {@code heads} query rows of one GQA group against a block of keys stored dimension-major:
     * {@code out[h * block + j] = scale * Σ_d q[qOffset + h * dim + d] * keys[d * block + j]} for j below
     * {@code visible}, and negative infinity for the rest of the {@code block} entries (masked positions). Four heads
     * at a time share every key load. {@code block} is a multiple of twice the vector length.
     */
    public static void groupScores(float[] keys, int block, int dim, float[] q, int qOffset, int heads, float scale,
                                   int visible, float[] out) {
        int h = 0;
        for (; h + 4 <= heads; h += 4) {
            scores4(keys, block, dim, q, qOffset + h * dim, scale, out, h * block);
        }
        for (; h < heads; h++) {
            scores1(keys, block, dim, q, qOffset + h * dim, scale, out, h * block);
        }
        for (h = 0; h < heads; h++) {
            java.util.Arrays.fill(out, h * block + visible, (h + 1) * block, Float.NEGATIVE_INFINITY);
        }
    }

    // Four heads by two key vectors: eight independent multiply-add chains per key load pair (one chain per vector
    // would wait on the FMA latency); kept in one method so that no vector crosses a call.
    private static void scores4(float[] keys, int block, int dim, float[] q, int q0, float scale, float[] out,
                                int o) {
        for (int j = 0; j < block; j += 2 * L) {
            FloatVector zero = FloatVector.zero(F);
            FloatVector a0 = zero, a1 = zero, b0 = zero, b1 = zero, c0 = zero, c1 = zero, d0 = zero, d1 = zero;
            for (int d = 0; d < dim; d++) {
                FloatVector k0 = FloatVector.fromArray(F, keys, d * block + j);
                FloatVector k1 = FloatVector.fromArray(F, keys, d * block + j + L);
                FloatVector qa = FloatVector.broadcast(F, q[q0 + d]);
                FloatVector qb = FloatVector.broadcast(F, q[q0 + dim + d]);
                FloatVector qc = FloatVector.broadcast(F, q[q0 + 2 * dim + d]);
                FloatVector qd = FloatVector.broadcast(F, q[q0 + 3 * dim + d]);
                a0 = k0.fma(qa, a0);
                a1 = k1.fma(qa, a1);
                b0 = k0.fma(qb, b0);
                b1 = k1.fma(qb, b1);
                c0 = k0.fma(qc, c0);
                c1 = k1.fma(qc, c1);
                d0 = k0.fma(qd, d0);
                d1 = k1.fma(qd, d1);
            }
            a0.mul(scale).intoArray(out, o + j);
            a1.mul(scale).intoArray(out, o + j + L);
            b0.mul(scale).intoArray(out, o + block + j);
            b1.mul(scale).intoArray(out, o + block + j + L);
            c0.mul(scale).intoArray(out, o + 2 * block + j);
            c1.mul(scale).intoArray(out, o + 2 * block + j + L);
            d0.mul(scale).intoArray(out, o + 3 * block + j);
            d1.mul(scale).intoArray(out, o + 3 * block + j + L);
        }
    }

    private static void scores1(float[] keys, int block, int dim, float[] q, int q0, float scale, float[] out,
                                int o) {
        for (int j = 0; j < block; j += 2 * L) {
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = a0;
            for (int d = 0; d < dim; d++) {
                FloatVector qa = FloatVector.broadcast(F, q[q0 + d]);
                a0 = FloatVector.fromArray(F, keys, d * block + j).fma(qa, a0);
                a1 = FloatVector.fromArray(F, keys, d * block + j + L).fma(qa, a1);
            }
            a0.mul(scale).intoArray(out, o + j);
            a1.mul(scale).intoArray(out, o + j + L);
        }
    }

    /**
     * {@code x[j] = e^(x[j] - shift)} for j in {@code from .. from + block} ({@code block} a multiple of the vector
     * length); returns the sum.
     */
    public static float expShifted(float[] x, int from, int block, float shift) {
        FloatVector sum = FloatVector.zero(F);
        for (int j = from; j < from + block; j += L) {
            FloatVector e = FloatVector.fromArray(F, x, j).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(x, j);
            sum = sum.add(e);
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    /**
     * The online-softmax step of the {@code heads} output rows of one GQA group: {@code out[o + h * dim + i] =
     * out[o + h * dim + i] * rescale[h] + Σ_j weights[h * block + j] * values[j * dim + i]} for j below
     * {@code visible}. Four heads at a time share every value load.
     */
    public static void groupAccumulate(float[] out, int outOffset, int dim, int heads, float[] rescale,
                                       float[] weights, int block, int visible, float[] values) {
        int h = 0;
        if (dim % (2 * L) == 0) {
            for (; h + 4 <= heads; h += 4) {
                accumulate4(out, outOffset + h * dim, dim, rescale, h, weights, h * block, block, visible, values);
            }
        }
        for (; h < heads; h++) {
            accumulate1(out, outOffset + h * dim, dim, rescale[h], weights, h * block, visible, values);
        }
    }

    // Four heads by two value vectors: eight independent chains; one method so that no vector crosses a call.
    private static void accumulate4(float[] out, int o, int dim, float[] rescale, int h, float[] weights, int w0,
                                    int block, int visible, float[] values) {
        for (int i = 0; i < dim; i += 2 * L) {
            FloatVector a0 = FloatVector.fromArray(F, out, o + i).mul(rescale[h]);
            FloatVector a1 = FloatVector.fromArray(F, out, o + i + L).mul(rescale[h]);
            FloatVector b0 = FloatVector.fromArray(F, out, o + dim + i).mul(rescale[h + 1]);
            FloatVector b1 = FloatVector.fromArray(F, out, o + dim + i + L).mul(rescale[h + 1]);
            FloatVector c0 = FloatVector.fromArray(F, out, o + 2 * dim + i).mul(rescale[h + 2]);
            FloatVector c1 = FloatVector.fromArray(F, out, o + 2 * dim + i + L).mul(rescale[h + 2]);
            FloatVector d0 = FloatVector.fromArray(F, out, o + 3 * dim + i).mul(rescale[h + 3]);
            FloatVector d1 = FloatVector.fromArray(F, out, o + 3 * dim + i + L).mul(rescale[h + 3]);
            for (int j = 0; j < visible; j++) {
                FloatVector v0 = FloatVector.fromArray(F, values, j * dim + i);
                FloatVector v1 = FloatVector.fromArray(F, values, j * dim + i + L);
                FloatVector wa = FloatVector.broadcast(F, weights[w0 + j]);
                FloatVector wb = FloatVector.broadcast(F, weights[w0 + block + j]);
                FloatVector wc = FloatVector.broadcast(F, weights[w0 + 2 * block + j]);
                FloatVector wd = FloatVector.broadcast(F, weights[w0 + 3 * block + j]);
                a0 = v0.fma(wa, a0);
                a1 = v1.fma(wa, a1);
                b0 = v0.fma(wb, b0);
                b1 = v1.fma(wb, b1);
                c0 = v0.fma(wc, c0);
                c1 = v1.fma(wc, c1);
                d0 = v0.fma(wd, d0);
                d1 = v1.fma(wd, d1);
            }
            a0.intoArray(out, o + i);
            a1.intoArray(out, o + i + L);
            b0.intoArray(out, o + dim + i);
            b1.intoArray(out, o + dim + i + L);
            c0.intoArray(out, o + 2 * dim + i);
            c1.intoArray(out, o + 2 * dim + i + L);
            d0.intoArray(out, o + 3 * dim + i);
            d1.intoArray(out, o + 3 * dim + i + L);
        }
    }

    private static void accumulate1(float[] out, int outOffset, int dim, float rescale, float[] weights, int w0,
                                    int visible, float[] values) {
        int upper = F.loopBound(dim);
        int i = 0;
        for (; i < upper; i += L) {
            FloatVector acc = FloatVector.fromArray(F, out, outOffset + i).mul(rescale);
            for (int j = 0; j < visible; j++) {
                acc = FloatVector.fromArray(F, values, j * dim + i).fma(FloatVector.broadcast(F, weights[w0 + j]), acc);
            }
            acc.intoArray(out, outOffset + i);
        }
        for (; i < dim; i++) {
            float acc = out[outOffset + i] * rescale;
            for (int j = 0; j < visible; j++) {
                acc += weights[w0 + j] * values[j * dim + i];
            }
            out[outOffset + i] = acc;
        }
    }
}
