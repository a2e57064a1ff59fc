package io.lariat.engine;

import io.lariat.engine.model.Activations;
import io.lariat.engine.model.KvSequence;
import io.lariat.engine.model.LlamaModel;
import io.lariat.engine.sampling.Sampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One token sequence being extended, with its own KV cache. Given a full token list it keeps the longest prefix it
 * already holds and evaluates only the rest, so a conversation is never re-read turn after turn.
 *
 * <p>Generation: {@link #generate} for a whole answer, or {@link #start} for a {@link Generation} that a scheduler
 * advances together with other sessions' generations through {@link LlamaEngine#step} (one forward pass for all of
 * them). Both follow {@link Generation}'s stop-token rule. The step API ({@link #prefill}, {@link #logits},
 * {@link #append}) evaluates ids without sampling (benchmarks, debugging). Not thread-safe: one thread at a time per
 * session (different sessions may run concurrently; their kernel steps then take turns). Close it to free the
 * cache.
 */
public final class EngineSession implements AutoCloseable {
    private final LlamaEngine engine;
    private final LlamaModel model;
    private final KvSequence cache;
    private final Activations single;
    private final float[] logits;
    /** The sampler's working copy of {@link #logits} (it masks and penalizes in place), reused at every token. */
    private final float[] samplingLogits;
    private int[] ids = new int[64];
    private int cached;
    private boolean logitsValid;
    private Generation current;

    EngineSession(LlamaEngine engine, LlamaModel model, KvSequence cache) {
        this.engine = engine;
        this.model = model;
        this.cache = cache;
        this.single = model.newActivations(1);
        this.logits = new float[model.config().vocabSize()];
        this.samplingLogits = new float[logits.length];
    }

    /** Tokens this session's cache can hold. */
    public int contextSize() {
        return cache.contextSize();
    }

    /** Bytes of the KV cache blocks this session holds, shared ones included. */
    public long kvCacheBytes() {
        return cache.byteSize();
    }

    /**
     * Keeps the first {@code length} cached ids (a fixed prefix: an agent's system prompt and tools) in the engine's
     * prefix folder, so that the next process starts with them evaluated. Does nothing when that prefix is already
     * there or the engine keeps no prefixes on disk; returns whether a file was written.
     *
     * @throws IllegalArgumentException if fewer than {@code length} ids are cached
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public boolean persistPrefix(int length) {
        return cache.persistPrefix(length);
    }

    /** The ids whose keys and values are cached, in order. */
    public int[] cachedIds() {
        return Arrays.copyOf(ids, cached);
    }

    /**
     * Brings the cache to {@code fullIds}: keeps the longest common prefix, takes what follows from blocks other
     * sequences left in the engine's KV cache where their ids agree, evaluates the rest in batches, and leaves the
     * logits of the last id for {@link #logits()}. When every id is already cached the last one is evaluated again,
     * unless its logits are still current. {@link PrefillResult#reused()} counts both kinds of reuse.
     *
     * @throws ContextOverflowException if {@code fullIds} is longer than the context
     */
    public PrefillResult prefill(int[] fullIds) {
        abandonCurrent();
        int reuse = beginPrefill(fullIds);
        if (reuse == fullIds.length) {
            return new PrefillResult(reuse, 0, Duration.ZERO);
        }
        long start = System.nanoTime();
        // batch buffers are large (batch x FFN width): borrowed from the engine for the prefill only
        Activations activations = engine.borrowActivations();
        try {
            for (int from = reuse; from < fullIds.length; from += activations.capacity()) {
                int count = Math.min(activations.capacity(), fullIds.length - from);
                model.evaluate(cache, activations, fullIds, from, count, from);
                remember(fullIds, from, count);
            }
            model.logits(activations, activations.count() - 1, logits);
        } finally {
            engine.releaseActivations(activations);
        }
        logitsValid = true;
        return new PrefillResult(reuse, fullIds.length - reuse, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * A copy of the logits predicting the id after the last cached one.
     *
     * @throws IllegalStateException before the first {@link #prefill}
     */
    public float[] logits() {
        if (!logitsValid) {
            throw new IllegalStateException("no logits: call prefill or append first");
        }
        return logits.clone();
    }

    /**
     * The id the current logits rank first (greedy decoding), read in place: a decode loop that needs only that id
     * copies nothing per token, as generation's own sampling does not ({@code logits()} copies 128,256 floats).
     *
     * @throws IllegalStateException before the first {@link #prefill}
     */
    public int mostLikelyNext() {
        if (!logitsValid) {
            throw new IllegalStateException("no logits: call prefill or append first");
        }
        return Sampler.argmax(logits);
    }

    /**
     * Runs the row products of one decode step and nothing else ({@link LlamaModel#rowProductsOnly}) on this
     * session's buffers, to measure the decode step's kernel-only bound; the cache is untouched and the logits are
     * invalid until the next {@link #append} or {@link #prefill}.
     */
    public void rowProductsOnly() {
        abandonCurrent();
        logitsValid = false;
        model.rowProductsOnly(single, logits);
    }

    /**
     * Evaluates one more id (a decode step) and updates the logits.
     *
     * @throws ContextOverflowException if the context is full
     */
    public void append(int tokenId) {
        abandonCurrent();
        if (cached >= cache.contextSize()) {
            throw new ContextOverflowException(cache.contextSize(), cached + 1);
        }
        model.evaluate(cache, single, new int[] {tokenId}, 0, 1, cached);
        remember(new int[] {tokenId}, 0, 1);
        model.logits(single, 0, logits);
        logitsValid = true;
    }

    /**
     * Starts a generation of {@code request} that {@link LlamaEngine#step} advances; abandons this session's previous
     * one if it is still running. Nothing is evaluated yet.
     *
     * @throws ContextOverflowException if the prompt is longer than the context
     */
    public Generation start(GenerationRequest request, TokenSink sink) {
        abandonCurrent();
        current = new Generation(this, request, sink);
        return current;
    }

    /**
     * Prefills {@code request.promptIds()}, then samples until a stop id, {@code maxTokens}, a full context or
     * cancellation by {@code sink}: a {@link Generation} stepped alone, so its stop-token rule applies.
     *
     * @throws ContextOverflowException if the prompt is longer than the context
     * @throws RuntimeException         what the sink or the forward pass threw
     */
    public GenerationResult generate(GenerationRequest request, TokenSink sink) {
        Generation generation = start(request, sink);
        List<Generation> alone = List.of(generation);
        while (!generation.done()) {
            engine.step(alone, engine.options().batchSize());
        }
        return generation.result();
    }

    /** Evaluates {@code ids} from an empty cache, keeping the top {@code k} logits of every position. */
    List<List<TokenLogit>> topLogitsPerPosition(int[] ids, int k) {
        if (ids.length > cache.contextSize()) {
            throw new ContextOverflowException(cache.contextSize(), ids.length);
        }
        List<List<TokenLogit>> positions = new ArrayList<>(ids.length);
        abandonCurrent();
        cache.truncate(0);
        cached = 0;
        logitsValid = false;
        Activations activations = engine.borrowActivations();
        try {
            for (int from = 0; from < ids.length; from += activations.capacity()) {
                int count = Math.min(activations.capacity(), ids.length - from);
                model.evaluate(cache, activations, ids, from, count, from);
                remember(ids, from, count);
                for (int t = 0; t < count; t++) {
                    model.logits(activations, t, logits);
                    positions.add(TopLogits.of(logits, k));
                }
            }
        } finally {
            engine.releaseActivations(activations);
        }
        logitsValid = ids.length > 0;
        return positions;
    }

    /** Forgets every cached id; the next prefill evaluates its whole list. */
    public void reset() {
        abandonCurrent();
        cache.truncate(0);
        cached = 0;
        logitsValid = false;
    }

    /** Frees the KV cache. Idempotent. */
    @Override
    public void close() {
        cache.close();
    }

    /**
     * Keeps the longest prefix of {@code fullIds} already cached and returns its length, which is
     * {@code fullIds.length} only when every id is cached and the logits after the last are current; otherwise at
     * least the last id is left to evaluate (its logits are needed).
     *
     * @throws ContextOverflowException if {@code fullIds} is longer than the context
     */
    int beginPrefill(int[] fullIds) {
        if (fullIds.length == 0) {
            throw new IllegalArgumentException("fullIds must hold at least one id");
        }
        if (fullIds.length > cache.contextSize()) {
            throw new ContextOverflowException(cache.contextSize(), fullIds.length);
        }
        int common = commonPrefix(fullIds);
        if (common == fullIds.length && common == cached && logitsValid) {
            return common;
        }
        cached = Math.min(common, fullIds.length - 1);
        logitsValid = false;
        // what follows the session's own prefix may be in blocks other sequences left in the engine's cache
        cache.truncate(cached);
        return adoptShared(fullIds);
    }

    /**
     * Extends the cached ids, which must be a prefix of {@code fullIds}, with blocks other sequences left in the
     * engine's KV cache where their ids agree, short of the last id (its logits are needed); returns the new count.
     */
    int adoptShared(int[] fullIds) {
        int adopted = cache.adoptPrefix(fullIds, fullIds.length - 1);
        remember(fullIds, cached, adopted - cached);
        return cached;
    }

    LlamaEngine engine() {
        return engine;
    }

    KvSequence cache() {
        return cache;
    }

    int cachedCount() {
        return cached;
    }

    /** The cached ids, valid up to {@link #cachedCount()}; not a copy (the sampler's penalty history). */
    int[] history() {
        return ids;
    }

    /**
     * The current logits, copied for a sampler that modifies them into a buffer this session reuses (no allocation
     * per token): valid until the next call.
     */
    float[] logitsCopy() {
        if (!logitsValid) {
            throw new IllegalStateException("no logits yet: the prompt is not evaluated");
        }
        System.arraycopy(logits, 0, samplingLogits, 0, logits.length);
        return samplingLogits;
    }

    /** Takes the logits after the last cached id from {@code rows[offset ..]}. */
    void acceptLogits(float[] rows, int offset) {
        System.arraycopy(rows, offset, logits, 0, logits.length);
        logitsValid = true;
    }

    private void abandonCurrent() {
        if (current != null) {
            current.cancel();
            current = null;
        }
    }

    private int commonPrefix(int[] fullIds) {
        return TokenIds.commonPrefix(ids, cached, fullIds);
    }

    void remember(int[] source, int from, int count) {
        if (cached + count > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(2 * ids.length, cached + count));
        }
        System.arraycopy(source, from, ids, cached, count);
        cached += count;
    }
}
