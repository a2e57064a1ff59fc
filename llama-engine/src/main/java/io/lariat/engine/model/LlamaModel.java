package io.lariat.engine.model;

import io.lariat.engine.Precision;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.kernels.MatrixGroup;
import io.lariat.engine.kernels.Kernels;
import io.lariat.engine.kernels.WeightMatrix;
import io.lariat.engine.kernels.WorkerPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Llama 3.x transformer whose weights stay in the memory-mapped GGUF file, with the batched forward pass.
 *
 * <p>Thread-safe: the model holds no per-sequence state; each caller brings its own {@link KvSequence} and
 * {@link Activations}. Parallel steps share the given {@link WorkerPool}, which serializes them. The model is valid
 * while its {@link GgufFile} is open.
 */
public final class LlamaModel {
    private final LlamaConfig config;
    private final WeightMatrix tokenEmbedding;
    private final List<LayerWeights> layers;
    private final float[] outputNorm;
    private final WeightMatrix output;
    private final Rope rope;
    private final WorkerPool pool;
    private final Attention attention;
    private final DecodePass decodePass;
    /** Per layer: the query, key and value projections, and the gate and up projections, each multiplied as one. */
    private final MatrixGroup[] queryKeyValue;
    private final MatrixGroup[] gateUp;

    private LlamaModel(LlamaConfig config, WeightMatrix tokenEmbedding, List<LayerWeights> layers,
                       float[] outputNorm, WeightMatrix output, Rope rope, WorkerPool pool) {
        this.config = config;
        this.tokenEmbedding = tokenEmbedding;
        this.layers = layers;
        this.outputNorm = outputNorm;
        this.output = output;
        this.rope = rope;
        this.pool = pool;
        this.attention = new Attention(config, pool);
        this.decodePass = new DecodePass(config, layers, rope, pool, attention);
        this.queryKeyValue = new MatrixGroup[layers.size()];
        this.gateUp = new MatrixGroup[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            LayerWeights w = layers.get(i);
            queryKeyValue[i] = new MatrixGroup(List.of(w.query(), w.key(), w.value()));
            gateUp[i] = new MatrixGroup(List.of(w.gate(), w.up()));
        }
    }

    /**
     * Binds the tensors of {@code file} without copying them. Uses {@code output.weight} when present, else the
     * token embedding (tied embeddings, Llama 3.2 1B/3B).
     *
     * @throws ModelLoadException for a tensor that is missing, misshapen or of an unsupported type
     */
    public static LlamaModel load(GgufFile file, WorkerPool pool) {
        return load(file, pool, Precision.EXACT, null, true);
    }

    /**
     * Binds the tensors of {@code file} for {@code precision}: with {@link Precision#FAST}, the matrices that
     * {@code PackedRows} packs (Q4_0, Q4_K, Q6_K, Q8_0) are read from a repacked copy, written once to
     * {@code packedDir} and mapped (or, when that folder is null or cannot be written, repacked into memory). With
     * {@code mmap} false, every matrix is read into the process's own memory instead of through a mapping: the
     * packed copy from its cache file, the others from the model file (whose bytes of packed matrices are never
     * read). Measured on a 2-vCPU VM whose host pages out cold page-cache pages (DAMON): 1B Q8_0 decode, mapped
     * against in memory, alternated in one process, 12 against 19 tokens/s with one thread and 22-26 against 28 with
     * two; but first touching 1.3 GB of fresh memory there took 3 s, so mapping stays the default.
     *
     * @throws ModelLoadException for a tensor that is missing, misshapen or of an unsupported type
     */
    public static LlamaModel load(GgufFile file, WorkerPool pool, Precision precision, Path packedDir,
                                  boolean mmap) {
        LlamaConfig c = LlamaConfig.fromGguf(file);
        WeightLoader loader = new WeightLoader(file, precision, packedDir, mmap);
        WeightMatrix embedding = loader.matrix("token_embd.weight", c.vocabSize(), c.dim());
        List<LayerWeights> layers = new ArrayList<>(c.layers());
        for (int i = 0; i < c.layers(); i++) {
            String p = "blk." + i + ".";
            layers.add(new LayerWeights(loader.vector(p + "attn_norm.weight", c.dim()),
                    loader.matrix(p + "attn_q.weight", c.queryDim(), c.dim()),
                    loader.matrix(p + "attn_k.weight", c.kvDim(), c.dim()),
                    loader.matrix(p + "attn_v.weight", c.kvDim(), c.dim()),
                    loader.matrix(p + "attn_output.weight", c.dim(), c.queryDim()),
                    loader.vector(p + "ffn_norm.weight", c.dim()),
                    loader.matrix(p + "ffn_gate.weight", c.hiddenDim(), c.dim()),
                    loader.matrix(p + "ffn_up.weight", c.hiddenDim(), c.dim()),
                    loader.matrix(p + "ffn_down.weight", c.dim(), c.hiddenDim())));
        }
        WeightMatrix output = loader.has("output.weight") ? loader.matrix("output.weight", c.vocabSize(), c.dim())
                : embedding;
        float[] factors = loader.has("rope_freqs.weight") ? loader.vector("rope_freqs.weight", c.headDim() / 2)
                : null;
        return new LlamaModel(c, embedding, List.copyOf(layers), loader.vector("output_norm.weight", c.dim()), output,
                new Rope(c.headDim(), c.ropeTheta(), factors), pool);
    }

    /** The hyperparameters. */
    public LlamaConfig config() {
        return config;
    }

    /** True when the output projection is the token embedding. */
    public boolean tiedEmbeddings() {
        return output == tokenEmbedding;
    }

    /** Buffers for forward steps of up to {@code batchSize} tokens. */
    public Activations newActivations(int batchSize) {
        return new Activations(config, batchSize);
    }

    /**
     * Runs {@code count} tokens {@code tokens[offset ..]} of one sequence at positions {@code startPos ..} through
     * every layer, writing their keys and values into {@code seq} (cut back to {@code startPos} first). Afterwards
     * {@link #logits} reads any of them.
     *
     * @throws IllegalArgumentException if the batch exceeds the buffers, the positions exceed the cache or start
     *                                  beyond its length, or an id is outside the vocabulary
     */
    public void evaluate(KvSequence seq, Activations act, int[] tokens, int offset, int count, int startPos) {
        if (count < 1 || startPos < 0) {
            throw new IllegalArgumentException("cannot evaluate " + count + " tokens at position " + startPos);
        }
        evaluate(BatchPlan.sequence(seq, tokens, offset, count, startPos), act);
    }

    /**
     * Runs every token of {@code plan} through every layer in one pass: each weight matrix is read once for the whole
     * batch, while each token attends only to its own sequence's cache. Afterwards {@link #logits} reads any entry.
     *
     * @throws IllegalArgumentException if the plan is empty or exceeds the buffers, a position exceeds its cache, or
     *                                  an id is outside the vocabulary
     */
    public void evaluate(BatchPlan plan, Activations act) {
        int count = plan.size();
        if (count < 1 || count > act.capacity) {
            throw new IllegalArgumentException("cannot evaluate " + count + " tokens (batch capacity "
                    + act.capacity + ")");
        }
        for (int t = 0; t < count; t++) {
            int id = plan.tokens[t];
            int position = plan.positions[t];
            if (position < 0 || position >= plan.caches[t].contextSize()) {
                throw new IllegalArgumentException("cannot evaluate a token at position " + position + " (context "
                        + plan.caches[t].contextSize() + ")");
            }
            if (id < 0 || id >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of "
                        + config.vocabSize());
            }
            // step 1: token embedding
            tokenEmbedding.row(id, act.x, t * config.dim());
        }
        act.count = count;
        rope.angles(plan.positions, count, act.ropeCos, act.ropeSin);
        // each sequence's positions are reserved before the pass and count only once it completed
        for (int first = 0; first < count; first += plan.runLength(first)) {
            plan.caches[first].reserve(plan.tokens, first, plan.runLength(first), plan.positions[first]);
        }
        for (int layer = 0; layer < layers.size(); layer++) {
            if (count == 1) {
                decodePass.layer(layer, plan.caches[0], plan.positions[0], act);
            } else {
                attentionBlock(layer, plan, act);
                feedForwardBlock(layer, act, count);
            }
        }
        for (int first = 0; first < count; first += plan.runLength(first)) {
            plan.caches[first].commit();
        }
    }

    /**
     * The row products of one decode step and nothing else: every layer's Q, K, V, attention-output, gate, up and
     * down rows in the decode pass's parallel steps, then the output projection as {@link #logits} runs it, on this
     * model's pool, without the norms, RoPE, cache stores, attention, SwiGLU, residual adds and quantizations between
     * them. Its rate bounds what a decode step can reach with these kernels and threads (the step's kernel-only
     * bound). {@code act}'s vectors are taken as they are, quantized once first; what it and {@code logits} hold
     * afterwards is meaningless.
     */
    public void rowProductsOnly(Activations act, float[] logits) {
        if (act.normed != null) {
            act.normed.quantize(act.xb, 0, config.dim());
            act.attended.quantize(act.att, 0, config.queryDim());
            act.hidden.quantize(act.gate, 0, config.hiddenDim());
        }
        for (int layer = 0; layer < layers.size(); layer++) {
            decodePass.rowProductsOnly(layer, act);
        }
        output.matVec(pool, act.xb, logits);
    }

    /** Logits predicting the token after batch entry {@code index} of the last {@link #evaluate}. */
    public void logits(Activations act, int index, float[] out) {
        logits(act, new int[] {index}, 1, out);
    }

    /**
     * Logits after each of the batch entries {@code entries[0 .. n)} of the last {@link #evaluate}, entry
     * {@code entries[i]}'s at {@code out[i * vocabSize ..]}; the output matrix is read once for all of them.
     */
    public void logits(Activations act, int[] entries, int n, float[] out) {
        int dim = config.dim();
        for (int i = 0; i < n; i++) {
            if (entries[i] < 0 || entries[i] >= act.count) {
                throw new IllegalArgumentException("index " + entries[i] + " outside the last batch of " + act.count);
            }
        }
        // final RMSNorm of the chosen entries, packed at the front of xb, then one output projection
        for (int i = 0; i < n; i++) {
            Kernels.rmsNorm(act.x, outputNorm, act.xb2, entries[i] * dim, dim, config.rmsEps());
            System.arraycopy(act.xb2, entries[i] * dim, act.xb, i * dim, dim);
        }
        output.matMul(pool, act.xb, n, out);
    }

    /**
     * The final hidden state of batch entry {@code index} of the last {@link #evaluate}: the last layer's output
     * after the output RMSNorm, the vector the output projection reads (what embeddings are pooled from).
     */
    public void hiddenState(Activations act, int index, float[] out) {
        if (index < 0 || index >= act.count) {
            throw new IllegalArgumentException("index " + index + " outside the last batch of " + act.count);
        }
        int dim = config.dim();
        Kernels.rmsNorm(act.x, outputNorm, act.xb, index * dim, dim, config.rmsEps());
        System.arraycopy(act.xb, index * dim, out, 0, dim);
    }

    /** Logits of every entry of the last batch: {@code out[t * vocabSize + id]}. */
    public void logitsAll(Activations act, float[] out) {
        int dim = config.dim();
        for (int t = 0; t < act.count; t++) {
            Kernels.rmsNorm(act.x, outputNorm, act.xb, t * dim, dim, config.rmsEps());
        }
        output.matMul(pool, act.xb, act.count, out);
    }

    private void attentionBlock(int layer, BatchPlan plan, Activations act) {
        LayerWeights w = layers.get(layer);
        int dim = config.dim();
        int count = plan.size();
        // step 2: RMSNorm before attention
        for (int t = 0; t < count; t++) {
            Kernels.rmsNorm(act.x, w.attentionNorm(), act.xb, t * dim, dim, config.rmsEps());
        }
        // step 3: Q, K, V projections, one pass over each weight for the whole batch
        queryKeyValue[layer].matMul(pool, act.xb, count, act.queryKeyValue);
        // step 4: rotary position embedding of queries and keys, each token at its own sequence's position
        rope.apply(act.q, count, config.heads(), act.ropeCos, act.ropeSin);
        rope.apply(act.k, count, config.kvHeads(), act.ropeCos, act.ropeSin);
        // steps 5-6: each token's keys and values into its sequence's cache, then causal grouped-query attention of
        // each token against its own sequence's cache only
        attention.run(plan, layer, act);
        // step 7: output projection and residual
        w.attentionOut().matMul(pool, act.att, count, act.xb2);
        addResidual(act, count);
    }

    private void feedForwardBlock(int layer, Activations act, int count) {
        LayerWeights w = layers.get(layer);
        int dim = config.dim();
        int hidden = config.hiddenDim();
        // step 8: RMSNorm before the feed-forward network
        for (int t = 0; t < count; t++) {
            Kernels.rmsNorm(act.x, w.ffnNorm(), act.xb, t * dim, dim, config.rmsEps());
        }
        // step 9: SwiGLU: down(silu(gate(x)) * up(x)), then the residual
        gateUp[layer].matMul(pool, act.xb, count, act.gateUp);
        pool.forRange(count, (start, end) -> Kernels.swiglu(act.gate, act.up, start * hidden, end * hidden));
        w.down().matMul(pool, act.gate, count, act.xb2);
        addResidual(act, count);
    }

    private void addResidual(Activations act, int count) {
        Kernels.add(act.x, act.xb2, 0, count * config.dim());
    }
}
