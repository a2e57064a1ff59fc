package io.lariat.engine.kernels;

import java.lang.foreign.MemorySegment;

/**
 * The forward pass's element-wise and attention operations on this JVM's {@link KernelPath}: {@link VectorMath} and
 * {@link AttentionKernel} on the Vector API path, {@link ScalarMath} on the scalar one. The choice is a static final
 * constant, so the JIT folds it away; the classes of the path not taken are never loaded (their signatures carry
 * only arrays, primitives and segments, which the verifier checks without loading them). Stateless and thread-safe.
 */
public final class Kernels {
    private static final boolean VECTOR = KernelPath.current() == KernelPath.VECTOR;

    private Kernels() {
    }

    /** As {@link VectorMath#rmsNorm}. */
    public static void rmsNorm(float[] x, float[] gain, float[] out, int offset, int n, float eps) {
        if (VECTOR) {
            VectorMath.rmsNorm(x, gain, out, offset, n, eps);
        } else {
            ScalarMath.rmsNorm(x, gain, out, offset, n, eps);
        }
    }

    /** As {@link VectorMath#swiglu}. */
    public static void swiglu(float[] gate, float[] up, int from, int to) {
        if (VECTOR) {
            VectorMath.swiglu(gate, up, from, to);
        } else {
            ScalarMath.swiglu(gate, up, from, to);
        }
    }

    /** As {@link VectorMath#add}. */
    public static void add(float[] x, float[] y, int from, int to) {
        if (VECTOR) {
            VectorMath.add(x, y, from, to);
        } else {
            ScalarMath.add(x, y, from, to);
        }
    }

    /** As {@link AttentionKernel#widen}. */
    public static void widen(MemorySegment memory, boolean half, long at, int count, float[] out) {
        if (VECTOR) {
            AttentionKernel.widen(memory, half, at, count, out);
        } else {
            ScalarMath.widen(memory, half, at, count, out);
        }
    }

    /** As {@link AttentionKernel#groupScores}. */
    public static void groupScores(float[] keys, int block, int dim, float[] q, int qOffset, int heads, float scale,
                                   int visible, float[] out) {
        if (VECTOR) {
            AttentionKernel.groupScores(keys, block, dim, q, qOffset, heads, scale, visible, out);
        } else {
            ScalarMath.groupScores(keys, block, dim, q, qOffset, heads, scale, visible, out);
        }
    }

    /** The largest of {@code x[from .. from + n)} (scalar on both paths). */
    public static float max(float[] x, int from, int n) {
        return ScalarMath.max(x, from, n);
    }

    /** As {@link ScalarMath#store} (scalar on both paths). */
    public static void store(MemorySegment rows, boolean half, long at, float[] src, int srcOffset, int dim) {
        ScalarMath.store(rows, half, at, src, srcOffset, dim);
    }

    /** As {@link ScalarMath#storeColumn} (scalar on both paths). */
    public static void storeColumn(MemorySegment rows, boolean half, long at, int stride, float[] src, int srcOffset,
                                   int dim) {
        ScalarMath.storeColumn(rows, half, at, stride, src, srcOffset, dim);
    }

    /** As {@link AttentionKernel#expShifted}. */
    public static float expShifted(float[] x, int from, int block, float shift) {
        return VECTOR ? AttentionKernel.expShifted(x, from, block, shift) : ScalarMath.expShifted(x, from, block, shift);
    }

    /** As {@link AttentionKernel#groupAccumulate}. */
    public static void groupAccumulate(float[] out, int outOffset, int dim, int heads, float[] rescale,
                                       float[] weights, int block, int visible, float[] values) {
        if (VECTOR) {
            AttentionKernel.groupAccumulate(out, outOffset, dim, heads, rescale, weights, block, visible, values);
        } else {
            ScalarMath.groupAccumulate(out, outOffset, dim, heads, rescale, weights, block, visible, values);
        }
    }
}
