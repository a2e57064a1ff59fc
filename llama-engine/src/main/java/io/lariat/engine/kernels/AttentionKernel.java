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
 * Attention over a key/value cache stored as consecutive rows of {@code dim} F16 or F32 values in a segment: the
 * scores {@code q · k_p} and the weighted sum of value rows. Stateless and thread-safe.
 */
public final class AttentionKernel {
    private AttentionKernel() {
    }

    /**
     * {@code out[p] = scale * (q[qOffset ..] · row p)} for p below {@code positions}, rows of {@code dim} values
     * starting at byte {@code base}.
     */
    public static void scores(MemorySegment rows, boolean half, long base, float[] q, int qOffset, int dim,
                              int positions, float scale, float[] out) {
        long rowBytes = (long) dim * (half ? 2 : 4);
        for (int p = 0; p < positions; p++) {
            long at = base + p * rowBytes;
            out[p] = scale * (half ? halfDot(rows, at, q, qOffset, dim) : floatDot(rows, at, q, qOffset, dim));
        }
    }

    /** {@code out[outOffset + i] = Σ_p weights[p] * row_p[i]} for p below {@code positions}. */
    public static void weightedSum(MemorySegment rows, boolean half, long base, float[] weights, int positions,
                                   float[] out, int outOffset, int dim) {
        java.util.Arrays.fill(out, outOffset, outOffset + dim, 0f);
        long rowBytes = (long) dim * (half ? 2 : 4);
        int upper = F.loopBound(dim);
        for (int p = 0; p < positions; p++) {
            long at = base + p * rowBytes;
            FloatVector w = FloatVector.broadcast(F, weights[p]);
            int i = 0;
            for (; i < upper; i += L) {
                FloatVector v = half ? Vectors.halfToFloat(ShortVector.fromMemorySegment(S, rows, at + 2L * i, LE))
                        : FloatVector.fromMemorySegment(F, rows, at + 4L * i, LE);
                v.fma(w, FloatVector.fromArray(F, out, outOffset + i)).intoArray(out, outOffset + i);
            }
            for (; i < dim; i++) {
                out[outOffset + i] += weights[p] * (half ? Float.float16ToFloat(rows.get(SHORT_LE, at + 2L * i))
                        : rows.get(FLOAT_LE, at + 4L * i));
            }
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

    private static float halfDot(MemorySegment rows, long at, float[] q, int qOffset, int dim) {
        FloatVector acc = FloatVector.zero(F);
        int upper = F.loopBound(dim);
        int i = 0;
        for (; i < upper; i += L) {
            FloatVector k = Vectors.halfToFloat(ShortVector.fromMemorySegment(S, rows, at + 2L * i, LE));
            acc = k.fma(FloatVector.fromArray(F, q, qOffset + i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
            sum += Float.float16ToFloat(rows.get(SHORT_LE, at + 2L * i)) * q[qOffset + i];
        }
        return sum;
    }

    private static float floatDot(MemorySegment rows, long at, float[] q, int qOffset, int dim) {
        FloatVector acc = FloatVector.zero(F);
        int upper = F.loopBound(dim);
        int i = 0;
        for (; i < upper; i += L) {
            acc = FloatVector.fromMemorySegment(F, rows, at + 4L * i, LE).fma(FloatVector.fromArray(F, q, qOffset + i),
                    acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
            sum += rows.get(FLOAT_LE, at + 4L * i) * q[qOffset + i];
        }
        return sum;
    }
}
