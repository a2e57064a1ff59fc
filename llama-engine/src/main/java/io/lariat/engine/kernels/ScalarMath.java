package io.lariat.engine.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The forward pass's element-wise and attention operations in plain Java: the scalar path's twins of
 * {@link VectorMath} and {@link AttentionKernel}, with the same contracts, and the cache stores and the maximum,
 * which are scalar on both paths. Never loads a class of the Vector API module. Stateless and thread-safe.
 */
public final class ScalarMath {
    private static final ValueLayout.OfShort SHORT_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ScalarMath() {
    }

    /** As {@link VectorMath#rmsNorm}. */
    public static void rmsNorm(float[] x, float[] gain, float[] out, int offset, int n, float eps) {
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[offset + i] * x[offset + i];
        }
        float scale = (float) (1.0 / Math.sqrt(sum / n + eps));
        for (int i = 0; i < n; i++) {
            out[offset + i] = x[offset + i] * scale * gain[i];
        }
    }

    /** As {@link VectorMath#swiglu}. */
    public static void swiglu(float[] gate, float[] up, int from, int to) {
        for (int i = from; i < to; i++) {
            gate[i] = (float) (gate[i] / (1 + Math.exp(-gate[i]))) * up[i];
        }
    }

    /** As {@link VectorMath#add}. */
    public static void add(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            x[i] += y[i];
        }
    }

    /** As {@link AttentionKernel#widen}. */
    public static void widen(MemorySegment memory, boolean half, long at, int count, float[] out) {
        if (!half) {
            MemorySegment.copy(memory, FLOAT_LE, at, out, 0, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            out[i] = Float.float16ToFloat(memory.get(SHORT_LE, at + 2L * i));
        }
    }

    /** As {@link AttentionKernel#groupScores}. */
    public static void groupScores(float[] keys, int block, int dim, float[] q, int qOffset, int heads, float scale,
                                   int visible, float[] out) {
        for (int h = 0; h < heads; h++) {
            int q0 = qOffset + h * dim;
            for (int j = 0; j < visible; j++) {
                float sum = 0;
                for (int d = 0; d < dim; d++) {
                    sum += q[q0 + d] * keys[d * block + j];
                }
                out[h * block + j] = sum * scale;
            }
            Arrays.fill(out, h * block + visible, (h + 1) * block, Float.NEGATIVE_INFINITY);
        }
    }

    /** The largest of {@code x[from .. from + n)}. */
    public static float max(float[] x, int from, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            max = Math.max(max, x[i]);
        }
        return max;
    }

    /** As {@link AttentionKernel#expShifted}. */
    public static float expShifted(float[] x, int from, int block, float shift) {
        float sum = 0;
        for (int j = from; j < from + block; j++) {
            x[j] = (float) Math.exp(x[j] - shift);
            sum += x[j];
        }
        return sum;
    }

    /** As {@link AttentionKernel#groupAccumulate}. */
    public static void groupAccumulate(float[] out, int outOffset, int dim, int heads, float[] rescale,
                                       float[] weights, int block, int visible, float[] values) {
        for (int h = 0; h < heads; h++) {
            int o = outOffset + h * dim;
            for (int i = 0; i < dim; i++) {
                out[o + i] *= rescale[h];
            }
            for (int j = 0; j < visible; j++) {
                float w = weights[h * block + j];
                for (int i = 0; i < dim; i++) {
                    out[o + i] += w * values[j * dim + i];
                }
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
