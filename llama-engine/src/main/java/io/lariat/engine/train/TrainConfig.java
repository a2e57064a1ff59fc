package io.lariat.engine.train;

/**
 * The shape of a Llama model being trained, in the units GGUF's {@code llama.*} keys use.
 *
 * <p>Immutable. {@code dim} must be divisible by {@code heads}, {@code heads} by {@code kvHeads}, and the head
 * size must be even (RoPE rotates adjacent pairs).
 *
 * @param dim           embedding width
 * @param layers        transformer blocks
 * @param heads         query heads
 * @param kvHeads       key/value heads (grouped-query attention when fewer than {@code heads})
 * @param ffnDim        SwiGLU hidden width
 * @param ropeTheta     RoPE frequency base (Llama 3.1: 500000)
 * @param rmsEps        RMSNorm epsilon
 * @param contextLength the context length written to the exported model
 */
public record TrainConfig(int dim, int layers, int heads, int kvHeads, int ffnDim, float ropeTheta, float rmsEps,
                          int contextLength) {

    public TrainConfig {
        if (dim <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || ffnDim <= 0 || contextLength <= 0) {
            throw new IllegalArgumentException("every size must be positive: dim " + dim + ", layers " + layers
                    + ", heads " + heads + ", kvHeads " + kvHeads + ", ffnDim " + ffnDim + ", contextLength "
                    + contextLength);
        }
        if (dim % heads != 0 || heads % kvHeads != 0 || (dim / heads) % 2 != 0) {
            throw new IllegalArgumentException("dim/heads must be even and heads divisible by kvHeads: dim " + dim
                    + ", heads " + heads + ", kvHeads " + kvHeads);
        }
    }

    /** The demo model's shape: 4 layers, width 128, 4 heads, 2 KV heads, FFN 384, Llama 3.1 RoPE base. */
    public static TrainConfig demo() {
        return new TrainConfig(128, 4, 4, 2, 384, 500_000f, 1e-5f, 4096);
    }

    /** The same shape with {@code layers} transformer blocks. */
    public TrainConfig withLayers(int layers) {
        return new TrainConfig(dim, layers, heads, kvHeads, ffnDim, ropeTheta, rmsEps, contextLength);
    }

    /** The same shape with {@code kvHeads} key/value heads (as many as {@code heads}: each query head has its own). */
    public TrainConfig withKvHeads(int kvHeads) {
        return new TrainConfig(dim, layers, heads, kvHeads, ffnDim, ropeTheta, rmsEps, contextLength);
    }

    /**
     * The same shape {@code dim} wide, the FFN keeping its ratio to the width (the demo's 3x, the tiny size's 2x) and
     * the heads their number (so each head is {@code dim / heads} wide).
     */
    public TrainConfig withDim(int dim) {
        int ffn = (int) ((long) ffnDim * dim / this.dim);
        return new TrainConfig(dim, layers, heads, kvHeads, ffn, ropeTheta, rmsEps, contextLength);
    }

    /** Width of one attention head. */
    public int headDim() {
        return dim / heads;
    }

    /** Width of the key and value projections. */
    public int kvDim() {
        return kvHeads * headDim();
    }
}
