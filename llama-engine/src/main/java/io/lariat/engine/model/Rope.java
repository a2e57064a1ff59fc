package io.lariat.engine.model;

/**
 * Rotary position embedding in GGUF's convention for {@code llama}: llama.cpp's "normal" mode, rotating adjacent
 * pairs (x[2i], x[2i+1]) of each head by {@code position * theta^(-2i/headDim) / factor[i]}. The converter
 * permuted the Q and K weights so that this equals Hugging Face's rotate-half form. The factors are Llama 3.1's
 * frequency divisors from {@code rope_freqs.weight}, or 1 when the tensor is absent. Immutable.
 */
final class Rope {
    private final int headDim;
    private final double[] frequencies;

    Rope(int headDim, float theta, float[] factors) {
        this.headDim = headDim;
        this.frequencies = new double[headDim / 2];
        for (int i = 0; i < headDim / 2; i++) {
            double factor = factors == null ? 1.0 : factors[i];
            frequencies[i] = Math.pow(theta, -2.0 * i / headDim) / factor;
        }
    }

    /**
     * The rotation of each of {@code count} tokens at {@code positions[t]}: {@code cos[t * headDim / 2 + i]} and
     * {@code sin[..]} of its angle for pair {@code i}. Computed once per forward pass, shared by every layer's
     * queries and keys (a batch may mix sequences, so positions need not be consecutive).
     */
    void angles(int[] positions, int count, float[] cos, float[] sin) {
        int half = headDim / 2;
        for (int t = 0; t < count; t++) {
            for (int i = 0; i < half; i++) {
                double angle = positions[t] * frequencies[i];
                cos[t * half + i] = (float) Math.cos(angle);
                sin[t * half + i] = (float) Math.sin(angle);
            }
        }
    }

    /**
     * Rotates {@code heads} heads of each of {@code count} tokens in {@code v} (token t at {@code t * heads *
     * headDim}) by the angles of {@link #angles}.
     */
    void apply(float[] v, int count, int heads, float[] cos, float[] sin) {
        for (int t = 0; t < count; t++) {
            rotate(v, t * heads * headDim, heads, cos, sin, t * (headDim / 2));
        }
    }

    /**
     * Rotates {@code heads} consecutive heads at {@code v[offset ..]} of one token by the angles at
     * {@code cos[angles ..]} and {@code sin[angles ..]}.
     */
    void rotate(float[] v, int offset, int heads, float[] cos, float[] sin, int angles) {
        int half = headDim / 2;
        for (int h = 0; h < heads; h++) {
            int base = offset + h * headDim;
            for (int i = 0; i < half; i++) {
                float a = v[base + 2 * i];
                float b = v[base + 2 * i + 1];
                v[base + 2 * i] = a * cos[angles + i] - b * sin[angles + i];
                v[base + 2 * i + 1] = a * sin[angles + i] + b * cos[angles + i];
            }
        }
    }
}
