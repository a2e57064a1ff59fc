package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.Vectors.F;
import static io.lariat.engine.kernels.Vectors.FLOAT_LE;
import static io.lariat.engine.kernels.Vectors.L;
import static io.lariat.engine.kernels.Vectors.LE;
import static io.lariat.engine.kernels.Vectors.S;
import static io.lariat.engine.kernels.Vectors.SHORT_LE;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The pieces of block-wise attention with an online softmax: widening a block of cached F16/F32 keys or values to
 * floats once, the scores of one query against a block of keys stored dimension-major ({@code [dim][block]}, so one
 * vector holds consecutive positions and no horizontal sum is needed), and the running softmax update of an output
 * row with a block of values. Stateless and thread-safe.
 */
public final class AttentionKernel {
    private AttentionKernel() {
    }

    /** Widens {@code count} consecutive F16 ({@code half}) or F32 values at byte {@code at} into {@code out[0 ..]}. */
    public static void widen(MemorySegment memory, boolean half, long at, int count, float[] out) {
        if (!half) {
            MemorySegment.copy(memory, FLOAT_LE, at, out, 0, count);
            return;
        }
        int upper = F.loopBound(count);
        int i = 0;
        for (; i < upper; i += L) {
            Vectors.halfToFloat(ShortVector.fromMemorySegment(S, memory, at + 2L * i, LE)).intoArray(out, i);
        }
        for (; i < count; i++) {
            out[i] = Float.float16ToFloat(memory.get(SHORT_LE, at + 2L * i));
        }
    }

    /**
     * {@code out[j] = scale * Σ_d q[qOffset + d] * keys[d * block + j]} for j below {@code visible}, and negative
     * infinity for the rest of the {@code block} entries (masked positions). {@code block} is a multiple of the
     * vector length.
     */
    public static void scores(float[] keys, int block, int dim, float[] q, int qOffset, float scale, int visible,
                              float[] out) {
        for (int j = 0; j < block; j += L) {
            FloatVector acc = FloatVector.zero(F);
            for (int d = 0; d < dim; d++) {
                acc = FloatVector.fromArray(F, keys, d * block + j).fma(FloatVector.broadcast(F, q[qOffset + d]), acc);
            }
            acc.mul(scale).intoArray(out, j);
        }
        java.util.Arrays.fill(out, visible, block, Float.NEGATIVE_INFINITY);
    }

    /** The largest of {@code x[0 .. n)}. */
    public static float max(float[] x, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[i]);
        }
        return max;
    }

    /** {@code x[j] = e^(x[j] - shift)} for j below {@code block} (a multiple of the vector length); returns the sum. */
    public static float expShifted(float[] x, int block, float shift) {
        FloatVector sum = FloatVector.zero(F);
        for (int j = 0; j < block; j += L) {
            FloatVector e = FloatVector.fromArray(F, x, j).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(x, j);
            sum = sum.add(e);
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    /**
     * The online-softmax step of an output row: {@code out[o + i] = out[o + i] * rescale + Σ_j weights[j] *
     * values[j * dim + i]} for j below {@code visible}.
     */
    public static void accumulate(float[] out, int outOffset, int dim, float rescale, float[] weights, int visible,
                                  float[] values) {
        int upper = F.loopBound(dim);
        int i = 0;
        for (; i < upper; i += L) {
            FloatVector acc = FloatVector.fromArray(F, out, outOffset + i).mul(rescale);
            for (int j = 0; j < visible; j++) {
                acc = FloatVector.fromArray(F, values, j * dim + i).fma(FloatVector.broadcast(F, weights[j]), acc);
            }
            acc.intoArray(out, outOffset + i);
        }
        for (; i < dim; i++) {
            float acc = out[outOffset + i] * rescale;
            for (int j = 0; j < visible; j++) {
                acc += weights[j] * values[j * dim + i];
            }
            out[outOffset + i] = acc;
        }
    }

    /** Stores {@code src[srcOffset .. + dim)} as a row at byte {@code at}, rounding to F16 when {@code half}. */
    public static void store(MemorySegment rows, boolean half, long at, float[] src, int srcOffset, int dim) {
        if (!half) {
            MemorySegment.copy(src, srcOffset, rows, FLOAT_LE, at, dim);
            return;
        }
        for (int i = 0; i < dim; i++) {
            rows.set(SHORT_LE, at + 2L * i, Float.floatToFloat16(src[srcOffset + i]));
        }
    }

    /**
     * Stores {@code src[srcOffset .. + dim)} as a column: value i at byte {@code at + i * stride} elements, for the
     * dimension-major key layout.
     */
    public static void storeColumn(MemorySegment rows, boolean half, long at, int stride, float[] src, int srcOffset,
                                   int dim) {
        for (int i = 0; i < dim; i++) {
            if (half) {
                rows.set(SHORT_LE, at + 2L * i * stride, Float.floatToFloat16(src[srcOffset + i]));
            } else {
                rows.set(FLOAT_LE, at + 4L * i * stride, src[srcOffset + i]);
            }
        }
    }
}
