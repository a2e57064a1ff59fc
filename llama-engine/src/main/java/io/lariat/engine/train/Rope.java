package io.lariat.engine.train;

/**
 * Rotary position embedding in GGUF's "normal" convention for the llama architecture: each head's adjacent pairs
 * {@code (x[2i], x[2i+1])} rotate by {@code pos · theta^(-2i/headDim)}, without frequency scaling.
 *
 * <p>This is what llama.cpp applies to a llama-architecture GGUF without a {@code rope_freqs} tensor, so the
 * exported model runs as trained. Immutable tables; thread-safe.
 */
final class Rope {

    private final int half;
    private final int maxPositions;
    private final float[] cos;
    private final float[] sin;

    Rope(int headDim, int maxPositions, float theta) {
        this.half = headDim / 2;
        this.maxPositions = maxPositions;
        this.cos = new float[maxPositions * half];
        this.sin = new float[maxPositions * half];
        for (int p = 0; p < maxPositions; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * Math.pow(theta, -2.0 * i / headDim);
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
    }

    int maxPositions() {
        return maxPositions;
    }

    /** Rotates every head of {@code rows} rows of width {@code width} (a multiple of the head size) in place. */
    void rotate(float[] x, int rows, int width) {
        apply(x, rows, width, 1f);
    }

    /** The inverse rotation: the gradient of {@link #rotate} (a rotation's transpose is its inverse). */
    void rotateBack(float[] x, int rows, int width) {
        apply(x, rows, width, -1f);
    }

    /** Rotates one row of {@code width} values, at position {@code pos}, in place. */
    void rotateAt(float[] x, int pos, int width) {
        rotateRow(x, 0, pos, width, 1f);
    }

    private void apply(float[] x, int rows, int width, float direction) {
        for (int t = 0; t < rows; t++) {
            rotateRow(x, t * width, t, width, direction);
        }
    }

    private void rotateRow(float[] x, int rowOff, int pos, int width, float direction) {
        int table = pos * half;
        for (int head = 0; head < width; head += 2 * half) {
            int o = rowOff + head;
            for (int i = 0; i < half; i++) {
                float c = cos[table + i];
                float s = direction * sin[table + i];
                float a = x[o + 2 * i];
                float b = x[o + 2 * i + 1];
                x[o + 2 * i] = a * c - b * s;
                x[o + 2 * i + 1] = a * s + b * c;
            }
        }
    }
}
