package io.lariat.engine.bench;

import java.util.List;
import java.util.Locale;

/**
 * The hyperparameters that fix a Llama model's tensor shapes, for writing synthetic models.
 *
 * @param name           short name, e.g. {@code 1b}
 * @param dim            embedding width
 * @param hiddenDim      feed-forward width
 * @param layers         transformer blocks
 * @param heads          query heads
 * @param kvHeads        key/value heads
 * @param vocabSize      vocabulary size
 * @param contextLength  trained context
 * @param ropeScale      Llama 3.1-style RoPE scaling factor (32 for 3.2, 8 for 3.1), or 0 for none
 * @param tiedEmbeddings whether the output projection reuses the token embedding
 */
public record ModelShape(String name, int dim, int hiddenDim, int layers, int heads, int kvHeads, int vocabSize,
                         int contextLength, float ropeScale, boolean tiedEmbeddings) {
    /** Llama 3.2 1B: 16 layers of width 2048, tied embeddings. */
    public static final ModelShape LLAMA_3_2_1B = new ModelShape("1b", 2048, 8192, 16, 32, 8, 128256, 131072, 32f,
            true);
    /** Llama 3.2 3B: 28 layers of width 3072, tied embeddings. */
    public static final ModelShape LLAMA_3_2_3B = new ModelShape("3b", 3072, 8192, 28, 24, 8, 128256, 131072, 32f,
            true);
    /** Llama 3.1 8B: 32 layers of width 4096, separate output. */
    public static final ModelShape LLAMA_3_1_8B = new ModelShape("8b", 4096, 14336, 32, 32, 8, 128256, 131072, 8f,
            false);

    /** The real shapes, in size order. */
    public static List<ModelShape> realShapes() {
        return List.of(LLAMA_3_2_1B, LLAMA_3_2_3B, LLAMA_3_1_8B);
    }

    /**
     * The real shape called {@code name} ({@code 1b}, {@code 3b} or {@code 8b}, case-insensitive).
     *
     * @throws IllegalArgumentException for another name
     */
    public static ModelShape named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return realShapes().stream().filter(shape -> shape.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown synthetic model " + name
                        + " (known: 1b, 3b, 8b)"));
    }

    /** Width of one head. */
    public int headDim() {
        return dim / heads;
    }

    /** Weights in all tensors. */
    public long parameters() {
        long perLayer = 2L * dim + (long) dim * dim * 2 + 2L * dim * (kvHeads * headDim()) + 3L * dim * hiddenDim;
        long embeddings = (long) vocabSize * dim * (tiedEmbeddings ? 1 : 2);
        return layers * perLayer + embeddings + dim;
    }
}
