package io.lariat.engine;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufMetadata;
import io.lariat.engine.kernels.KernelPath;
import io.lariat.engine.kernels.WorkerPool;
import io.lariat.engine.model.Activations;
import io.lariat.engine.model.KvCache;
import io.lariat.engine.model.KvPrefixStore;
import io.lariat.engine.model.KvSequence;
import io.lariat.engine.model.LlamaConfig;
import io.lariat.engine.model.LlamaModel;
import io.lariat.engine.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Llama 3.x GGUF model loaded for inference: the file is memory-mapped (weights are never copied), the kernels
 * run on a pool of {@link EngineOptions#threads()} threads, and each {@link EngineSession} owns a KV cache.
 *
 * <p>Thread-safe. Sessions may be used from different threads; their kernel steps share the pool and take turns.
 * Closing the engine unmaps the file: close its sessions first.
 */
public final class LlamaEngine implements AutoCloseable {
    /** Context of {@link #newSession()}: 8192 tokens, or the model's context when smaller. */
    public static final int DEFAULT_CONTEXT = 8192;

    /**
     * Whether this JVM computes with the Vector API kernels; without {@code --add-modules jdk.incubator.vector} it
     * runs the scalar ones (several times slower, and {@code Precision.FAST} computes exactly).
     */
    public static boolean vectorKernels() {
        return KernelPath.current() == KernelPath.VECTOR;
    }

    private final GgufFile file;
    private final WorkerPool pool;
    private final LlamaModel model;
    private final EngineOptions options;
    private final Duration loadDuration;
    private final KvCache kvCache;
    private final Queue<Activations> idleActivations = new ConcurrentLinkedQueue<>();
    /** Batch plans and logits buffers of {@link #step}, reused so that a step allocates nothing per token. */
    private final Queue<BatchStep> idleSteps = new ConcurrentLinkedQueue<>();
    private volatile Tokenizer tokenizer;

    private LlamaEngine(GgufFile file, WorkerPool pool, LlamaModel model, EngineOptions options, Duration load) {
        this.file = file;
        this.pool = pool;
        this.model = model;
        this.options = options;
        this.loadDuration = load;
        this.kvCache = KvCache.create(model.config(), options.kvCacheType(), options.kvMemory());
        if (options.prefixDir() != null) {
            // cached prefixes are named by the precision computed, which is exact on the scalar path
            Precision computed = vectorKernels() ? options.precision() : Precision.EXACT;
            String variant = computed.name().toLowerCase(java.util.Locale.ROOT) + "-"
                    + options.kvCacheType().name().toLowerCase(java.util.Locale.ROOT);
            kvCache.attach(KvPrefixStore.forModel(options.prefixDir(), file, variant, options.prefixBudget())).forEach(rejected ->
                    options.listener().prefixFileIgnored(rejected.file(), rejected.problem().name()));
        }
    }

    /**
     * Maps {@code gguf} and binds its tensors.
     *
     * @throws io.lariat.engine.gguf.GgufFormatException   if the file is not valid GGUF
     * @throws io.lariat.engine.model.ModelLoadException    if it is not a Llama model this engine supports
     * @throws java.io.UncheckedIOException                if it cannot be read
     */
    public static LlamaEngine load(Path gguf, EngineOptions options) {
        long start = System.nanoTime();
        GgufFile file = GgufFile.open(gguf);
        WorkerPool pool = new WorkerPool(options.threads());
        try {
            LlamaModel model = LlamaModel.load(file, pool, options.precision(), options.packedDir(), options.mmap());
            return new LlamaEngine(file, pool, model, options, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            pool.close();
            file.close();
            throw e;
        }
    }

    /**
     * The tokenizer of the file's vocabulary, built on first use.
     *
     * @throws io.lariat.engine.tokenizer.TokenizerException if the file holds no supported vocabulary
     */
    public Tokenizer tokenizer() {
        Tokenizer current = tokenizer;
        if (current == null) {
            synchronized (this) {
                if (tokenizer == null) {
                    tokenizer = Tokenizer.fromGguf(file);
                }
                current = tokenizer;
            }
        }
        return current;
    }

    /** The model's hyperparameters. */
    public LlamaConfig config() {
        return model.config();
    }

    /** The file's metadata. */
    public GgufMetadata metadata() {
        return file.metadata();
    }

    /** The model file. */
    public Path path() {
        return file.path();
    }

    /** The options this engine runs with. */
    public EngineOptions options() {
        return options;
    }

    /** Time {@link #load} took: mapping, parsing and binding tensors. */
    public Duration loadDuration() {
        return loadDuration;
    }

    /** Bytes a session of {@code contextSize} tokens allocates for its KV cache. */
    public long kvCacheBytes(int contextSize) {
        return KvCache.bytesNeeded(model.config(), contextSize, options.kvCacheType());
    }

    /** A session with {@link #DEFAULT_CONTEXT} tokens of context (less if the model's is smaller). */
    public EngineSession newSession() {
        return newSession(Math.min(DEFAULT_CONTEXT, model.config().contextLength()));
    }

    /**
     * A session of up to {@code contextSize} tokens; it takes KV cache blocks as it grows. The listener hears the
     * most it can take first.
     *
     * @throws io.lariat.engine.model.KvCacheAllocationException if the context exceeds the model's or the memory
     *                                                           is not available
     */
    public EngineSession newSession(int contextSize) {
        options.listener().kvCacheAllocating(contextSize, kvCacheBytes(contextSize));
        return new EngineSession(this, model, kvCache.newSequence(contextSize));
    }

    /**
     * For each position of {@code ids}, the {@code k} highest logits predicting the next token, highest first
     * (the {@code lariat logits} debug command). Uses a temporary session.
     */
    public List<List<TokenLogit>> topLogits(int[] ids, int k) {
        try (EngineSession session = newSession(Math.max(1, Math.min(ids.length, model.config().contextLength())))) {
            return session.topLogitsPerPosition(ids, k);
        }
    }

    /**
     * The embedding of {@code ids}: the final hidden state of each position, averaged over the positions (mean
     * pooling, as Ollama pools Llama models), not normalised. Uses a temporary KV sequence of {@code ids.length}
     * tokens; safe to call while sessions generate (kernel steps take turns on the pool).
     *
     * @return a vector of {@code config().dim()} floats
     * @throws IllegalArgumentException when {@code ids} is empty or longer than the model's context
     */
    public float[] embed(int[] ids) {
        if (ids.length == 0 || ids.length > model.config().contextLength()) {
            throw new IllegalArgumentException("cannot embed " + ids.length + " tokens (context "
                    + model.config().contextLength() + ")");
        }
        int dim = model.config().dim();
        float[] sum = new float[dim];
        float[] hidden = new float[dim];
        Activations act = borrowActivations();
        try (KvSequence sequence = kvCache.newSequence(ids.length)) {
            for (int start = 0; start < ids.length; start += act.capacity()) {
                int count = Math.min(act.capacity(), ids.length - start);
                model.evaluate(sequence, act, ids, start, count, start);
                for (int t = 0; t < count; t++) {
                    model.hiddenState(act, t, hidden);
                    for (int i = 0; i < dim; i++) {
                        sum[i] += hidden[i];
                    }
                }
            }
        } finally {
            releaseActivations(act);
        }
        for (int i = 0; i < dim; i++) {
            sum[i] /= ids.length;
        }
        return sum;
    }

    /**
     * Advances every unfinished generation of {@code generations} by one shared forward pass (continuous batching):
     * each decoding generation samples, reports and evaluates one id, and prefilling ones evaluate chunks of their
     * prompts, first come first served, within {@code tokenBudget} ids (at least one, at most
     * {@link EngineOptions#batchSize()}). Each weight matrix is read once for the whole batch; attention runs per
     * sequence against its own cache. Generations that end are simply left out. A failure ends only the generations
     * it concerns (see {@link Generation#result()}); this method does not throw it.
     *
     * <p>The generations must belong to distinct sessions of this engine and must not be stepped concurrently
     * elsewhere. Calls for disjoint generations may run concurrently; their kernel work takes turns.
     */
    public void step(List<Generation> generations, int tokenBudget) {
        if (tokenBudget < 1) {
            throw new IllegalArgumentException("tokenBudget must be at least 1, got " + tokenBudget);
        }
        for (Generation g : generations) {
            if (g.session().engine() != this) {
                throw new IllegalArgumentException("generation of another engine");
            }
        }
        BatchStep batch = idleSteps.poll();
        if (batch == null) {
            batch = new BatchStep(model, options.batchSize());
        }
        Activations activations = borrowActivations();
        try {
            batch.run(activations, generations, tokenBudget);
        } finally {
            releaseActivations(activations);
            idleSteps.add(batch);
        }
    }

    /** Batch buffers for one prefill; sessions prefilling at the same time get separate ones. */
    Activations borrowActivations() {
        Activations idle = idleActivations.poll();
        return idle != null ? idle : model.newActivations(options.batchSize());
    }

    /** Returns buffers taken with {@link #borrowActivations()}. */
    void releaseActivations(Activations activations) {
        idleActivations.add(activations);
    }

    /** The KV cache all sessions take their blocks from. */
    public KvCache kvCache() {
        return kvCache;
    }

    /** Stops the kernel threads, frees the KV cache and unmaps the file. */
    @Override
    public void close() {
        kvCache.close();
        pool.close();
        file.close();
    }
}
