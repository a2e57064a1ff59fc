package io.lariat.engine.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise loops of the trainer on the Vector API: maximum, exponentials for softmax, SwiGLU.
 *
 * <p>The exponential is the Vector API's (vectorised, within an ulp or two of {@link Math#exp}); attention and
 * vocabulary softmaxes spend most of their time in it. Stateless and thread-safe.
 */
final class VectorMath {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorMath() {
    }

    /** The largest of {@code x[off..off+n)} and {@code floor}. */
    static float max(float[] x, int off, int n, float floor) {
        int i = 0;
        FloatVector acc = FloatVector.broadcast(S, floor);
        for (; i + S.length() <= n; i += S.length()) {
            acc = acc.max(FloatVector.fromArray(S, x, off + i));
        }
        float max = acc.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        return max;
    }

    /** Replaces {@code x[i]} by {@code exp(x[i] · scale − shift)} and returns their sum. */
    static float expAndSum(float[] x, int off, int n, float scale, float shift) {
        int i = 0;
        FloatVector sum = FloatVector.zero(S);
        for (; i + S.length() <= n; i += S.length()) {
            FloatVector e = FloatVector.fromArray(S, x, off + i).mul(scale).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(x, off + i);
            sum = sum.add(e);
        }
        float total = sum.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            x[off + i] = (float) Math.exp(x[off + i] * scale - shift);
            total += x[off + i];
        }
        return total;
    }

    /** Multiplies {@code x[off..off+n)} by {@code factor} in place. */
    static void scale(float[] x, int off, int n, float factor) {
        int i = 0;
        for (; i + S.length() <= n; i += S.length()) {
            FloatVector.fromArray(S, x, off + i).mul(factor).intoArray(x, off + i);
        }
        for (; i < n; i++) {
            x[off + i] *= factor;
        }
    }

    /** {@code out = silu(gate) ⊙ up} over n elements, where {@code silu(g) = g · sigmoid(g)}. */
    static void swiglu(float[] gate, float[] up, float[] out, int n) {
        int i = 0;
        for (; i + S.length() <= n; i += S.length()) {
            FloatVector g = FloatVector.fromArray(S, gate, i);
            FloatVector sig = g.neg().lanewise(VectorOperators.EXP).add(1f);
            g.div(sig).mul(FloatVector.fromArray(S, up, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = gate[i] / (1f + (float) Math.exp(-gate[i])) * up[i];
        }
    }

    /** Gradients of {@link #swiglu}: {@code dUp = dOut · silu(g)}, {@code dGate = dOut · up · silu'(g)}. */
    static void swigluBackward(float[] gate, float[] up, float[] dOut, float[] dGate, float[] dUp, int n) {
        int i = 0;
        for (; i + S.length() <= n; i += S.length()) {
            FloatVector g = FloatVector.fromArray(S, gate, i);
            FloatVector s = FloatVector.broadcast(S, 1f).div(g.neg().lanewise(VectorOperators.EXP).add(1f));
            FloatVector d = FloatVector.fromArray(S, dOut, i);
            d.mul(g).mul(s).intoArray(dUp, i);
            FloatVector ds = s.mul(g.mul(s.neg().add(1f)).add(1f));
            d.mul(FloatVector.fromArray(S, up, i)).mul(ds).intoArray(dGate, i);
        }
        for (; i < n; i++) {
            float g = gate[i];
            float s = 1f / (1f + (float) Math.exp(-g));
            dUp[i] = dOut[i] * g * s;
            dGate[i] = dOut[i] * up[i] * s * (1f + g * (1f - s));
        }
    }
}
