package io.lariat.engine.train;

/**
 * AdamW (Loshchilov and Hutter) over the flat parameter array, with bias correction and decoupled weight decay on
 * matrices only (norm gains and the embedding are not decayed: decaying the tied embedding would pull trained
 * rows toward the untrained rows' zero logit). Holds the two moment arrays; not thread-safe.
 */
final class AdamW {

    private static final float EPS = 1e-8f;

    private final ParameterLayout layout;
    private final boolean[] decayed;
    private final float[] m;
    private final float[] v;

    AdamW(ParameterLayout layout) {
        this(layout, new float[layout.size()], new float[layout.size()]);
    }

    AdamW(ParameterLayout layout, float[] m, float[] v) {
        this.m = m;
        this.v = v;
        this.decayed = new boolean[layout.tensors().size()];
        for (int i = 0; i < decayed.length; i++) {
            decayed[i] = layout.tensors().get(i).kind() == ParameterLayout.Kind.MATRIX;
        }
        this.layout = layout;
    }

    float[] firstMoment() {
        return m;
    }

    float[] secondMoment() {
        return v;
    }

    /** Applies update number {@code step} (0-based) with learning rate {@code lr}. */
    void update(float[] values, float[] grad, int step, float lr, TrainOptions o) {
        float b1 = o.beta1();
        float b2 = o.beta2();
        float c1 = (float) (1 - Math.pow(b1, step + 1));
        float c2 = (float) (1 - Math.pow(b2, step + 1));
        int index = 0;
        for (ParameterLayout.Tensor t : layout.tensors()) {
            float decay = decayed[index++] ? 1 - lr * o.weightDecay() : 1f;
            for (int i = t.offset(); i < t.offset() + t.size(); i++) {
                float g = grad[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                float mHat = m[i] / c1;
                float vHat = v[i] / c2;
                values[i] = values[i] * decay - lr * mHat / ((float) Math.sqrt(vHat) + EPS);
            }
        }
    }
}
