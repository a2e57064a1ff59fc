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
     * Rotates {@code heads} heads of each of {@code count} tokens in {@code v} (token t at {@code t * heads *
     * headDim}) for positions {@code positions[t]} (a batch may mix sequences, so positions need not be consecutive).
     */
    void apply(float[] v, int count, int heads, int[] positions) {
        int half = headDim / 2;
        float[] cos = new float[half];
        float[] sin = new float[half];
        for (int t = 0; t < count; t++) {
            int position = positions[t];
            for (int i = 0; i < half; i++) {
                double angle = position * frequencies[i];
                cos[i] = (float) Math.cos(angle);
                sin[i] = (float) Math.sin(angle);
            }
            for (int h = 0; h < heads; h++) {
                int base = (t * heads + h) * headDim;
                for (int i = 0; i < half; i++) {
                    float a = v[base + 2 * i];
                    float b = v[base + 2 * i + 1];
                    v[base + 2 * i] = a * cos[i] - b * sin[i];
                    v[base + 2 * i + 1] = a * sin[i] + b * cos[i];
                }
            }
        }
    }
}
