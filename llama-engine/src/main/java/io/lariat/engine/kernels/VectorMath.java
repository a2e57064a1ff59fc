package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.Vectors.F;
import static io.lariat.engine.kernels.Vectors.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** Element-wise Vector API operations of the forward pass on float arrays. Stateless and thread-safe. */
public final class VectorMath {
    private VectorMath() {
    }

    /**
     * RMSNorm of {@code x[offset .. offset + n)} scaled by {@code gain}, into {@code out[offset ..]}:
     * {@code out = x / sqrt(mean(x²) + eps) * gain}.
     */
    public static void rmsNorm(float[] x, float[] gain, float[] out, int offset, int n, float eps) {
        FloatVector squares = FloatVector.zero(F);
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, offset + i);
            squares = v.fma(v, squares);
        }
        float sum = squares.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += x[offset + i] * x[offset + i];
        }
        float scale = (float) (1.0 / Math.sqrt(sum / n + eps));
        i = 0;
        for (; i < upper; i += L) {
            FloatVector.fromArray(F, x, offset + i).mul(scale).mul(FloatVector.fromArray(F, gain, i))
                    .intoArray(out, offset + i);
        }
        for (; i < n; i++) {
            out[offset + i] = x[offset + i] * scale * gain[i];
        }
    }

    /** {@code gate[i] = silu(gate[i]) * up[i]} for i in {@code [from, to)}, with silu(g) = g / (1 + e^-g). */
    public static void swiglu(float[] gate, float[] up, int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += L) {
            FloatVector g = FloatVector.fromArray(F, gate, i);
            FloatVector silu = g.div(g.neg().lanewise(VectorOperators.EXP).add(1f));
            silu.mul(FloatVector.fromArray(F, up, i)).intoArray(gate, i);
        }
        for (; i < to; i++) {
            gate[i] = (float) (gate[i] / (1 + Math.exp(-gate[i]))) * up[i];
        }
    }

    /** {@code x[i] += y[i]} for i in {@code [from, to)}. */
    public static void add(float[] x, float[] y, int from, int to) {
        int i = from;
        int upper = from + F.loopBound(to - from);
        for (; i < upper; i += L) {
            FloatVector.fromArray(F, x, i).add(FloatVector.fromArray(F, y, i)).intoArray(x, i);
        }
        for (; i < to; i++) {
            x[i] += y[i];
        }
    }

    /** In-place softmax of {@code x[0 .. n)}. */
    public static void softmax(float[] x, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[i]);
        }
        FloatVector sums = FloatVector.zero(F);
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += L) {
            FloatVector e = FloatVector.fromArray(F, x, i).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(x, i);
            sums = sums.add(e);
        }
        float sum = sums.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            x[i] = (float) Math.exp(x[i] - max);
            sum += x[i];
        }
        float inverse = 1f / sum;
        for (i = 0; i < upper; i += L) {
            FloatVector.fromArray(F, x, i).mul(inverse).intoArray(x, i);
        }
        for (; i < n; i++) {
            x[i] *= inverse;
        }
    }
}
