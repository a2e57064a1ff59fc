package io.lariat.engine.model;

import io.lariat.engine.kernels.Kernels;
import io.lariat.engine.kernels.QuantizedActivations;
import io.lariat.engine.kernels.WeightMatrix;
import io.lariat.engine.kernels.WorkerPool;
import java.util.List;

/**
 * The layers of a forward pass of one token (a decode step) with the work between the parallel steps moved into
 * them: the step over the rows of Q, K and V also applies RoPE and stores each kv head's key and value (on the thread
 * that completes the head's last row); the output projections add their rows to the residual stream; the gate and up
 * rows of 32 hidden units at a time are followed by SwiGLU, and each group of 1,024 hidden units is quantized for the
 * down projection by the thread that completes it. What stays on the calling thread is, per layer, two RMSNorms and
 * three quantizations of {@code dim}-wide vectors (a few microseconds each).
 *
 * <p>It computes what the batched pass computes for one token, with the same kernels and the same quantized
 * activations. Thread-safe as {@link LlamaModel} is: all state is in the {@link Activations}.
 */
final class DecodePass {
    /** Hidden units per unit of the feed-forward step: one block of the down projection's quantized input. */
    private static final int HIDDEN_BLOCK = QuantizedActivations.BLOCK;
    /** Blocks per group of the quantized input, which one thread quantizes. */
    private static final int GROUP_BLOCKS = QuantizedActivations.GROUP;

    private final LlamaConfig config;
    private final List<LayerWeights> layers;
    private final Rope rope;
    private final WorkerPool pool;
    private final Attention attention;

    DecodePass(LlamaConfig config, List<LayerWeights> layers, Rope rope, WorkerPool pool, Attention attention) {
        this.config = config;
        this.layers = layers;
        this.rope = rope;
        this.pool = pool;
        this.attention = attention;
    }

    /** Runs layer {@code layer} for the one token in row 0 of {@code act}, at {@code position} (reserved in {@code seq}). */
    void layer(int layer, KvSequence seq, int position, Activations act) {
        attentionBlock(layers.get(layer), layer, seq, position, act);
        feedForwardBlock(layers.get(layer), act);
    }

    private void attentionBlock(LayerWeights w, int layer, KvSequence seq, int position, Activations act) {
        int dim = config.dim();
        // step 2: RMSNorm before attention, quantized once for the packed rows of Q, K and V
        Kernels.rmsNorm(act.x, w.attentionNorm(), act.xb, 0, dim, config.rmsEps());
        if (packed(w.query()) || packed(w.key()) || packed(w.value())) {
            act.normed.quantize(act.xb, 0, dim);
        }
        int width = config.heads() / config.kvHeads() * config.headDim();
        // steps 3-5 in one parallel step over the rows of Q, K and V (in that order, so that each thread streams long
        // runs of rows); the thread that completes the last of a kv head's rows (its query heads', its key's and its
        // value's) applies RoPE to them and stores its key and value
        for (int head = 0; head < config.kvHeads(); head++) {
            act.rowsLeft.set(head, width + 2 * config.headDim());
        }
        pool.forRange(config.queryDim() + 2 * config.kvDim(), (start, end) -> {
            projectRows(w, act, start, end);
            for (int head = 0; head < config.kvHeads(); head++) {
                int done = rowsOfHead(head, start, end);
                if (done > 0 && act.rowsLeft.addAndGet(head, -done) == 0) {
                    rotateAndStore(layer, seq, position, act, head);
                }
            }
        });
        // step 6: attention, one unit per kv head (in a step of its own: at depth it dominates, and within the step
        // above the groups' attention would all fall at its end, one thread waiting for the other's last group)
        pool.forRange(config.kvHeads(), (start, end) -> {
            for (int head = start; head < end; head++) {
                attention.attendHead(seq, layer, act, head, position);
            }
        });
        if (packed(w.attentionOut())) {
            act.attended.quantize(act.att, 0, config.queryDim());
        }
        // step 7: output projection, each task adding its rows to the residual stream
        pool.forRange(dim, (start, end) -> {
            w.attentionOut().rowProducts(start, end, act.att, act.attended, act.xb2, start);
            Kernels.add(act.x, act.xb2, start, end);
        });
    }

    /** Rows {@code [from, to)} of Q, K and V, counted through Q's rows, then K's, then V's. */
    private void projectRows(LayerWeights w, Activations act, int from, int to) {
        int queries = config.queryDim();
        int keys = config.kvDim();
        if (from < queries) {
            w.query().rowProducts(from, Math.min(to, queries), act.xb, act.normed, act.q, from);
        }
        int kFrom = Math.max(from, queries) - queries;
        int kTo = Math.min(to, queries + keys) - queries;
        if (kFrom < kTo) {
            w.key().rowProducts(kFrom, kTo, act.xb, act.normed, act.k, kFrom);
        }
        int vFrom = Math.max(from, queries + keys) - queries - keys;
        int vTo = to - queries - keys;
        if (vFrom < vTo) {
            w.value().rowProducts(vFrom, vTo, act.xb, act.normed, act.v, vFrom);
        }
    }

    /** How many of rows {@code [from, to)} of Q, K and V (as in {@link #projectRows}) belong to kv head {@code head}. */
    private int rowsOfHead(int head, int from, int to) {
        int headDim = config.headDim();
        int width = config.heads() / config.kvHeads() * headDim;
        int keys = config.queryDim() + head * headDim;
        int values = keys + config.kvDim();
        return overlap(from, to, head * width, (head + 1) * width) + overlap(from, to, keys, keys + headDim)
                + overlap(from, to, values, values + headDim);
    }

    private static int overlap(int from, int to, int start, int end) {
        return Math.max(0, Math.min(to, end) - Math.max(from, start));
    }

    /** RoPE of kv head {@code head}'s queries and key, and its key and value into the cache. */
    private void rotateAndStore(int layer, KvSequence seq, int position, Activations act, int head) {
        int headDim = config.headDim();
        int group = config.heads() / config.kvHeads();
        int query = head * group * headDim;
        int key = head * headDim;
        rope.rotate(act.q, query, group, act.ropeCos, act.ropeSin, 0);
        rope.rotate(act.k, key, 1, act.ropeCos, act.ropeSin, 0);
        seq.storeHead(layer, position, head, act.k, key, act.v, key);
    }

    private void feedForwardBlock(LayerWeights w, Activations act) {
        int dim = config.dim();
        int hidden = config.hiddenDim();
        // step 8: RMSNorm before the feed-forward network, quantized once for the gate and up rows
        Kernels.rmsNorm(act.x, w.ffnNorm(), act.xb, 0, dim, config.rmsEps());
        if (packed(w.gate()) || packed(w.up())) {
            act.normed.quantize(act.xb, 0, dim);
        }
        boolean quantize = packed(w.down());
        if (quantize) {
            act.hidden.prepare(hidden);
            for (int g = 0; g < act.hidden.groupCount(); g++) {
                act.blocksLeft.set(g, Math.min(GROUP_BLOCKS, hidden / HIDDEN_BLOCK - g * GROUP_BLOCKS));
            }
        }
        // step 9: SwiGLU, 32 hidden units per unit: their gate and up rows, then silu(gate) * up; the thread that
        // completes a group of 32 units quantizes it for the down projection (a group's lanes share cache lines)
        pool.forRange((hidden + HIDDEN_BLOCK - 1) / HIDDEN_BLOCK, (start, end) -> {
            int from = start * HIDDEN_BLOCK;
            int to = Math.min(hidden, end * HIDDEN_BLOCK);
            w.gate().rowProducts(from, to, act.xb, act.normed, act.gate, from);
            w.up().rowProducts(from, to, act.xb, act.normed, act.up, from);
            Kernels.swiglu(act.gate, act.up, from, to);
            for (int g = start / GROUP_BLOCKS; quantize && g * GROUP_BLOCKS < end; g++) {
                int done = Math.min(end, (g + 1) * GROUP_BLOCKS) - Math.max(start, g * GROUP_BLOCKS);
                if (act.blocksLeft.addAndGet(g, -done) == 0) {
                    act.hidden.quantizeGroup(act.gate, 0, g);
                }
            }
        });
        // step 10: down projection, each task adding its rows to the residual stream
        pool.forRange(dim, (start, end) -> {
            w.down().rowProducts(start, end, act.gate, act.hidden, act.xb2, start);
            Kernels.add(act.x, act.xb2, start, end);
        });
    }

    /**
     * Layer {@code layer}'s row products for the one token of {@code act} in this pass's parallel steps, and nothing
     * else: no norm, RoPE, cache store, attention, SwiGLU, residual add or quantization. The inputs are read as they
     * are ({@code act}'s quantized vectors must be prepared) and the outputs are meaningless; what counts is the time.
     */
    void rowProductsOnly(int layer, Activations act) {
        LayerWeights w = layers.get(layer);
        int dim = config.dim();
        int hidden = config.hiddenDim();
        pool.forRange(config.queryDim() + 2 * config.kvDim(), (start, end) -> projectRows(w, act, start, end));
        pool.forRange(dim, (start, end) -> w.attentionOut().rowProducts(start, end, act.att, act.attended, act.xb2,
                start));
        pool.forRange((hidden + HIDDEN_BLOCK - 1) / HIDDEN_BLOCK, (start, end) -> {
            int from = start * HIDDEN_BLOCK;
            int to = Math.min(hidden, end * HIDDEN_BLOCK);
            w.gate().rowProducts(from, to, act.xb, act.normed, act.gate, from);
            w.up().rowProducts(from, to, act.xb, act.normed, act.up, from);
        });
        pool.forRange(dim, (start, end) -> w.down().rowProducts(start, end, act.gate, act.hidden, act.xb2, start));
    }

    private static boolean packed(WeightMatrix m) {
        return m.packed() != null;
    }
}
