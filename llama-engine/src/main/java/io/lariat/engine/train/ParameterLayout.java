package io.lariat.engine.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each weight tensor of a model lives inside one flat float array, named as in GGUF.
 *
 * <p>One flat array keeps the optimizer, gradient clipping and the reduction of per-shard gradients to simple
 * loops. Matrices are row-major {@code [rows][cols]} with {@code cols} the input width, which is GGUF's
 * {@code ne0}. Immutable and thread-safe.
 */
final class ParameterLayout {

    /** What a tensor is; only matrices get weight decay. */
    enum Kind { EMBEDDING, NORM, MATRIX }

    /** One tensor: its GGUF name, offset in the flat array and shape. */
    record Tensor(String name, int offset, int rows, int cols, Kind kind) {
        int size() {
            return rows * cols;
        }
    }

    /** Offsets of one transformer block's tensors. */
    record Block(int attnNorm, int wq, int wk, int wv, int wo, int ffnNorm, int gate, int up, int down) {
    }

    private final TrainConfig config;
    private final int vocabRows;
    private final List<Tensor> tensors = new ArrayList<>();
    private final Block[] blocks;
    private final int outputNorm;
    private int size;

    ParameterLayout(TrainConfig config, int vocabRows) {
        this.config = config;
        this.vocabRows = vocabRows;
        int d = config.dim();
        add("token_embd.weight", vocabRows, d, Kind.EMBEDDING);
        blocks = new Block[config.layers()];
        for (int l = 0; l < config.layers(); l++) {
            String p = "blk." + l + ".";
            blocks[l] = new Block(add(p + "attn_norm.weight", 1, d, Kind.NORM),
                    add(p + "attn_q.weight", d, d, Kind.MATRIX),
                    add(p + "attn_k.weight", config.kvDim(), d, Kind.MATRIX),
                    add(p + "attn_v.weight", config.kvDim(), d, Kind.MATRIX),
                    add(p + "attn_output.weight", d, d, Kind.MATRIX),
                    add(p + "ffn_norm.weight", 1, d, Kind.NORM),
                    add(p + "ffn_gate.weight", config.ffnDim(), d, Kind.MATRIX),
                    add(p + "ffn_up.weight", config.ffnDim(), d, Kind.MATRIX),
                    add(p + "ffn_down.weight", d, config.ffnDim(), Kind.MATRIX));
        }
        outputNorm = add("output_norm.weight", 1, d, Kind.NORM);
    }

    private int add(String name, int rows, int cols, Kind kind) {
        int offset = size;
        tensors.add(new Tensor(name, offset, rows, cols, kind));
        size = Math.addExact(size, Math.multiplyExact(rows, cols));
        return offset;
    }

    TrainConfig config() {
        return config;
    }

    int vocabRows() {
        return vocabRows;
    }

    /** Total number of floats. */
    int size() {
        return size;
    }

    List<Tensor> tensors() {
        return List.copyOf(tensors);
    }

    Block block(int layer) {
        return blocks[layer];
    }

    /** Offset of the embedding (row 0 of the compact vocabulary). */
    int embedding() {
        return 0;
    }

    int outputNorm() {
        return outputNorm;
    }
}
