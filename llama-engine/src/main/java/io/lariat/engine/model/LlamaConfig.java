package io.lariat.engine.model;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufFormatException;
import io.lariat.engine.gguf.GgufMetadata;

/**
 * Hyperparameters of a Llama 3.x model, read from the {@code llama.*} GGUF metadata keys.
 *
 * @param dim            embedding width ({@code llama.embedding_length})
 * @param hiddenDim      SwiGLU width ({@code llama.feed_forward_length})
 * @param layers         transformer blocks ({@code llama.block_count})
 * @param heads          query heads ({@code llama.attention.head_count})
 * @param kvHeads        key/value heads ({@code llama.attention.head_count_kv}, default {@code heads})
 * @param headDim        width of one head ({@code llama.attention.key_length}, default {@code dim / heads})
 * @param vocabSize      vocabulary size (rows of {@code token_embd.weight})
 * @param contextLength  trained context ({@code llama.context_length})
 * @param rmsEps         RMSNorm epsilon ({@code llama.attention.layer_norm_rms_epsilon})
 * @param ropeTheta      RoPE base ({@code llama.rope.freq_base}, default 10000)
 */
public record LlamaConfig(int dim, int hiddenDim, int layers, int heads, int kvHeads, int headDim, int vocabSize,
                          int contextLength, float rmsEps, float ropeTheta) {

    /** Checks the relations the forward pass relies on. */
    public LlamaConfig {
        if (dim < 1 || hiddenDim < 1 || layers < 1 || heads < 1 || kvHeads < 1 || headDim < 2 || vocabSize < 1
                || contextLength < 1) {
            throw new IllegalArgumentException("non-positive hyperparameter in " + describe(dim, hiddenDim, layers,
                    heads, kvHeads, headDim) + " vocabSize=" + vocabSize + " contextLength=" + contextLength);
        }
        if (!Float.isFinite(rmsEps) || rmsEps <= 0 || !Float.isFinite(ropeTheta) || ropeTheta <= 0) {
            throw new IllegalArgumentException("rmsEps and ropeTheta must be positive and finite, got " + rmsEps
                    + " and " + ropeTheta);
        }
        if (heads % kvHeads != 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("heads must be a multiple of kvHeads and headDim even: "
                    + describe(dim, hiddenDim, layers, heads, kvHeads, headDim));
        }
    }

    /**
     * Reads the configuration of a {@code general.architecture = llama} file.
     *
     * @throws ModelLoadException for another architecture or missing or invalid keys
     */
    public static LlamaConfig fromGguf(GgufFile file) {
        GgufMetadata meta = file.metadata();
        String architecture = meta.findString("general.architecture").orElse("(none)");
        if (!architecture.equals("llama")) {
            throw new ModelLoadException(file.path(), "general.architecture",
                    "architecture " + architecture + " is not supported (only llama)");
        }
        int vocab = file.tensor("token_embd.weight")
                .map(t -> (int) t.dimension(1))
                .orElseThrow(() -> new ModelLoadException(file.path(), "token_embd.weight", "tensor missing"));
        try {
            int dim = positive(file, "llama.embedding_length");
            int heads = positive(file, "llama.attention.head_count");
            int kvHeads = meta.findInteger("llama.attention.head_count_kv").isPresent()
                    ? positive(file, "llama.attention.head_count_kv") : heads;
            int headDim = meta.findInteger("llama.attention.key_length").isPresent()
                    ? positive(file, "llama.attention.key_length") : dim / heads;
            return new LlamaConfig(dim, positive(file, "llama.feed_forward_length"),
                    positive(file, "llama.block_count"), heads, kvHeads, headDim, vocab,
                    positive(file, "llama.context_length"),
                    positiveFinite(file, "llama.attention.layer_norm_rms_epsilon", meta.float32(
                            "llama.attention.layer_norm_rms_epsilon")),
                    positiveFinite(file, "llama.rope.freq_base", meta.findFloat32("llama.rope.freq_base")
                            .orElse(10000f)));
        } catch (GgufFormatException | IllegalArgumentException e) {
            throw new ModelLoadException(file.path(), null, e.getMessage());
        }
    }

    // A zero would divide by zero or size nothing; a count past int range could only come from a corrupt file.
    private static int positive(GgufFile file, String key) {
        long value = file.metadata().integer(key);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new ModelLoadException(file.path(), key, "must be a positive integer up to 2^31-1, got " + value);
        }
        return (int) value;
    }

    // NaN or infinity would not fail: every logit would silently come out NaN.
    private static float positiveFinite(GgufFile file, String key, float value) {
        if (!Float.isFinite(value) || value <= 0) {
            throw new ModelLoadException(file.path(), key, "must be a positive finite number, got " + value);
        }
        return value;
    }

    /** Width of all query heads together. */
    public int queryDim() {
        return heads * headDim;
    }

    /** Width of all key (or value) heads together. */
    public int kvDim() {
        return kvHeads * headDim;
    }

    private static String describe(int dim, int hiddenDim, int layers, int heads, int kvHeads, int headDim) {
        return "dim=" + dim + " hiddenDim=" + hiddenDim + " layers=" + layers + " heads=" + heads + " kvHeads="
                + kvHeads + " headDim=" + headDim;
    }
}
