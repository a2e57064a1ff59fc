package io.lariat.engine;

import io.lariat.engine.model.Activations;
import io.lariat.engine.model.KvCache;
import io.lariat.engine.model.LlamaModel;
import io.lariat.engine.sampling.Sampler;
import io.lariat.engine.sampling.TokenConstraint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One token sequence being extended, with its own KV cache. Given a full token list it keeps the longest prefix it
 * already holds and evaluates only the rest, so a conversation is never re-read turn after turn.
 *
 * <p>Two ways to drive it: {@link #generate} for a whole answer, or the step API ({@link #prefill},
 * {@link #logits}, {@link #append}) for a scheduler that interleaves sessions. Not thread-safe: one thread at a
 * time per session (different sessions may run concurrently; their kernel steps then take turns). Close it to free
 * the cache.
 */
public final class EngineSession implements AutoCloseable {
    private final LlamaEngine engine;
    private final LlamaModel model;
    private final KvCache cache;
    private final Activations single;
    private final float[] logits;
    private int[] ids = new int[64];
    private int cached;
    private boolean logitsValid;

    EngineSession(LlamaEngine engine, LlamaModel model, KvCache cache) {
        this.engine = engine;
        this.model = model;
        this.cache = cache;
        this.single = model.newActivations(1);
        this.logits = new float[model.config().vocabSize()];
    }

    /** Tokens this session's cache can hold. */
    public int contextSize() {
        return cache.contextSize();
    }

    /** Bytes of this session's KV cache. */
    public long kvCacheBytes() {
        return cache.byteSize();
    }

    /** The ids whose keys and values are cached, in order. */
    public int[] cachedIds() {
        return Arrays.copyOf(ids, cached);
    }

    /**
     * Brings the cache to {@code fullIds}: keeps the longest common prefix, evaluates the rest in batches, and leaves
     * the logits of the last id for {@link #logits()}. When every id is already cached the last one is evaluated
     * again, unless its logits are still current.
     *
     * @throws ContextOverflowException if {@code fullIds} is longer than the context
     */
    public PrefillResult prefill(int[] fullIds) {
        if (fullIds.length == 0) {
            throw new IllegalArgumentException("fullIds must hold at least one id");
        }
        if (fullIds.length > cache.contextSize()) {
            throw new ContextOverflowException(cache.contextSize(), fullIds.length);
        }
        int common = commonPrefix(fullIds);
        if (common == fullIds.length && common == cached && logitsValid) {
            return new PrefillResult(common, 0, Duration.ZERO);
        }
        int reuse = Math.min(common, fullIds.length - 1);
        long start = System.nanoTime();
        cached = reuse;
        logitsValid = false;
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
            throw new IllegalStateException("no logits yet: call prefill first");
        }
        return logits.clone();
    }

    /**
     * Evaluates one more id (a decode step) and updates the logits.
     *
     * @throws ContextOverflowException if the context is full
     */
    public void append(int tokenId) {
        if (cached >= cache.contextSize()) {
            throw new ContextOverflowException(cache.contextSize(), cached + 1);
        }
        model.evaluate(cache, single, new int[] {tokenId}, 0, 1, cached);
        remember(new int[] {tokenId}, 0, 1);
        model.logits(single, 0, logits);
        logitsValid = true;
    }

    /**
     * Prefills {@code request.promptIds()}, then samples until a stop id, {@code maxTokens}, a full context or
     * cancellation by {@code sink}. Generated ids are evaluated into the cache as they go, except the last one when
     * generation ends at it (the next prefill evaluates it).
     */
    public GenerationResult generate(GenerationRequest request, TokenSink sink) {
        PrefillResult prefill = prefill(request.promptIds());
        Sampler sampler = new Sampler(request.sampling());
        TokenConstraint.Matcher matcher = request.constraint() == null ? null : request.constraint().start();
        int[] generated = new int[Math.min(request.maxTokens(), 1024)];
        int count = 0;
        int sampled = 0;
        StopReason reason = null;
        long start = System.nanoTime();
        while (reason == null) {
            int id = sampler.sample(logits.clone(), ids, cached, matcher);
            sampled++;
            if (request.isStop(id)) {
                reason = new StopReason.StopToken(id);
                break;
            }
            if (count == generated.length) {
                generated = Arrays.copyOf(generated, 2 * count);
            }
            generated[count++] = id;
            reason = sink.onToken(id) ? limitReached(count, request.maxTokens()) : StopReason.CANCELLED;
            if (reason == null) {
                append(id);
            }
        }
        GenerationStats stats = new GenerationStats(engine.loadDuration(), prefill.reused(), prefill.evaluated(),
                prefill.duration(), sampled, Duration.ofNanos(System.nanoTime() - start));
        return new GenerationResult(Arrays.copyOf(generated, count), reason, stats);
    }

    /** Evaluates {@code ids} from an empty cache, keeping the top {@code k} logits of every position. */
    List<List<TokenLogit>> topLogitsPerPosition(int[] ids, int k) {
        if (ids.length > cache.contextSize()) {
            throw new ContextOverflowException(cache.contextSize(), ids.length);
        }
        List<List<TokenLogit>> positions = new ArrayList<>(ids.length);
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
        cached = 0;
        logitsValid = false;
    }

    /** Frees the KV cache. Idempotent. */
    @Override
    public void close() {
        cache.close();
    }

    private StopReason limitReached(int count, int maxTokens) {
        if (count >= maxTokens) {
            return StopReason.LENGTH;
        }
        return cached >= cache.contextSize() ? StopReason.CONTEXT_FULL : null;
    }

    private int commonPrefix(int[] fullIds) {
        int limit = Math.min(cached, fullIds.length);
        int i = 0;
        while (i < limit && ids[i] == fullIds[i]) {
            i++;
        }
        return i;
    }

    private void remember(int[] source, int from, int count) {
        if (cached + count > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(2 * ids.length, cached + count));
        }
        System.arraycopy(source, from, ids, cached, count);
        cached += count;
    }
}
