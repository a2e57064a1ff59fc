package io.lariat.engine.model;

import io.lariat.engine.kernels.VectorMath;
import io.lariat.engine.kernels.WorkerPool;

/**
 * The attention step of the forward pass for one sequence: stores the keys and values of a run of its tokens, then
 * computes causal grouped-query attention of those tokens' queries against the sequence's own cache.
 *
 * <p>The one entry point is {@link #run}; a batched forward pass calls it once per sequence of the batch. Grouping
 * of query heads onto kv heads (GQA) happens here. Thread-safe: scratch buffers are per thread.
 */
final class Attention {
    private final LlamaConfig config;
    private final WorkerPool pool;
    private final ThreadLocal<float[]> scores;

    Attention(LlamaConfig config, WorkerPool pool) {
        this.config = config;
        this.pool = pool;
        this.scores = ThreadLocal.withInitial(() -> new float[Math.min(config.contextLength(), 8192)]);
    }

    /**
     * For the {@code count} tokens at rows {@code first ..} of {@code act} (sequence positions {@code startPos ..}):
     * stores rows of {@code act.k}/{@code act.v} into {@code seq} at those positions, then writes the attention
     * output of every query head of {@code act.q}'s rows into the same rows of {@code act.att}. Each token attends to
     * positions {@code 0 .. its own}; earlier positions must have been stored before.
     */
    void run(KvSequence seq, int layer, Activations act, int first, int count, int startPos) {
        int kvDim = config.kvDim();
        for (int t = 0; t < count; t++) {
            seq.store(layer, startPos + t, act.k, (first + t) * kvDim, act.v, (first + t) * kvDim);
        }
        pool.forRange(count * config.heads(), (start, end) -> {
            for (int unit = start; unit < end; unit++) {
                attend(seq, layer, act, first + unit / config.heads(), unit % config.heads(),
                        startPos + unit / config.heads());
            }
        });
    }

    private void attend(KvSequence seq, int layer, Activations act, int row, int head, int position) {
        int positions = position + 1;
        float[] buffer = scores.get();
        if (buffer.length < positions) {
            buffer = new float[Math.max(positions, 2 * buffer.length)];
            scores.set(buffer);
        }
        int kvHead = head / (config.heads() / config.kvHeads());
        int offset = row * config.queryDim() + head * config.headDim();
        seq.scores(layer, kvHead, act.q, offset, positions, (float) (1.0 / Math.sqrt(config.headDim())), buffer);
        VectorMath.softmax(buffer, positions);
        seq.weightedValues(layer, kvHead, buffer, positions, act.att, offset);
    }
}
