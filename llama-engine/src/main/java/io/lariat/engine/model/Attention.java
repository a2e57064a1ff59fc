package io.lariat.engine.model;

import io.lariat.engine.kernels.Kernels;
import io.lariat.engine.kernels.WorkerPool;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The attention step of the forward pass for one sequence: stores the keys and values of a run of its tokens, then
 * computes causal grouped-query attention of those tokens' queries against the sequence's own blocks.
 *
 * <p>The one entry point is {@link #run}; a batched forward pass calls it once per layer for all the sequences of
 * the batch (after {@link KvSequence#reserve}, before {@link KvSequence#commit}). The work is split into units of one kv head and up
 * to {@link #TILE} query tokens. A unit reads each block of its kv head's keys and values once, widened to floats,
 * for all the query heads that share that kv head (GQA) and all its tokens, and keeps a running maximum and sum per
 * query row (online softmax), so no score array grows with the depth and the cache is streamed once per unit.
 * Thread-safe: scratch buffers are per thread.
 */
final class Attention {
    /** Query tokens per unit of work; a decode step is one unit per kv head. */
    static final int TILE = 16;
    private static final int B = KvCache.BLOCK_TOKENS;

    private final LlamaConfig config;
    private final WorkerPool pool;
    private final float scale;
    private final ThreadLocal<Scratch> scratch;

    Attention(LlamaConfig config, WorkerPool pool) {
        this.config = config;
        this.pool = pool;
        this.scale = (float) (1.0 / Math.sqrt(config.headDim()));
        int group = config.heads() / config.kvHeads();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(new float[config.headDim() * B],
                new float[B * config.headDim()], new float[group * B], new float[TILE * group], new float[TILE * group],
                new float[group]));
    }

    /**
     * For every token of {@code plan} (whose positions are reserved in their sequences): stores its rows of
     * {@code act.k}/{@code act.v} into its sequence, then writes the attention output of every query head of its
     * {@code act.q} row into the same row of {@code act.att}. Each token attends to positions {@code 0 ..} its own
     * of its own sequence. The units of all the plan's sequences (one decode token each, or prompt chunks) form one
     * parallel step, so a batch of several sequences waits at one barrier per layer, not one per sequence.
     */
    void run(BatchPlan plan, int layer, Activations act) {
        int kvDim = config.kvDim();
        int count = plan.size();
        for (int t = 0; t < count; t++) {
            plan.caches[t].store(layer, plan.positions[t], act.k, t * kvDim, act.v, t * kvDim);
        }
        int kvHeads = config.kvHeads();
        int runs = 0;
        int units = 0;
        for (int first = 0; first < count; first += plan.runLength(first)) {
            act.runFirst[runs] = first;
            units += kvHeads * ((plan.runLength(first) + TILE - 1) / TILE);
            act.runUnitsEnd[runs++] = units;
        }
        int runCount = runs;
        pool.forRange(units, (start, end) -> {
            int run = 0;
            for (int unit = start; unit < end; unit++) {
                while (unit >= act.runUnitsEnd[run]) {
                    run++;
                }
                int first = act.runFirst[run];
                int local = unit - (run == 0 ? 0 : act.runUnitsEnd[run - 1]);
                int tile = local / kvHeads;
                int length = run + 1 < runCount ? act.runFirst[run + 1] - first : count - first;
                attendTile(plan.caches[first], layer, act, local % kvHeads, first + tile * TILE,
                        plan.positions[first] + tile * TILE, Math.min(TILE, length - tile * TILE));
            }
        });
    }

    /**
     * {@link #run(BatchPlan, int, Activations)} for one sequence's {@code count} tokens at rows {@code first ..} of
     * {@code act}, at positions {@code startPos ..} (reserved in {@code seq}): for tests and benchmarks of the
     * attention alone.
     */
    void run(KvSequence seq, int layer, Activations act, int first, int count, int startPos) {
        int kvDim = config.kvDim();
        for (int t = 0; t < count; t++) {
            seq.store(layer, startPos + t, act.k, (first + t) * kvDim, act.v, (first + t) * kvDim);
        }
        int kvHeads = config.kvHeads();
        int tiles = (count + TILE - 1) / TILE;
        pool.forRange(kvHeads * tiles, (start, end) -> {
            for (int unit = start; unit < end; unit++) {
                int tile = unit / kvHeads;
                attendTile(seq, layer, act, unit % kvHeads, first + tile * TILE, startPos + tile * TILE,
                        Math.min(TILE, count - tile * TILE));
            }
        });
    }

    /**
     * Attention of one token's query heads that share kv head {@code kvHead} (row 0 of {@code act}, at
     * {@code position}, its keys and values already stored) into their rows of {@code act.att}, on the calling
     * thread: a decode step's share of {@link #run}, for a pass that runs the kv heads in parallel itself.
     */
    void attendHead(KvSequence seq, int layer, Activations act, int kvHead, int position) {
        attendTile(seq, layer, act, kvHead, 0, position, 1);
    }

    // one kv head, `tokens` query tokens at rows row0.. and positions pos0..: every block is widened once
    private void attendTile(KvSequence seq, int layer, Activations act, int kvHead, int row0, int pos0, int tokens) {
        Scratch s = scratch.get();
        int group = config.heads() / config.kvHeads();
        int dim = config.headDim();
        Arrays.fill(s.max, 0, tokens * group, Float.NEGATIVE_INFINITY);
        Arrays.fill(s.sum, 0, tokens * group, 0f);
        for (int t = 0; t < tokens; t++) {
            int at = (row0 + t) * config.queryDim() + kvHead * group * dim;
            Arrays.fill(act.att, at, at + group * dim, 0f);
        }
        KvCache cache = seq.cache();
        boolean half = cache.type() == KvCacheType.F16;
        int end = pos0 + tokens;
        for (int b = 0; b * B < end; b++) {
            int keys = Math.min(B, end - b * B);
            MemorySegment block = seq.block(b);
            Kernels.widen(block, half, cache.keyOffset(layer, kvHead), dim * B, s.keys);
            Kernels.widen(block, half, cache.valueOffset(layer, kvHead), keys * dim, s.values);
            for (int t = 0; t < tokens; t++) {
                int visible = Math.min(keys, pos0 + t + 1 - b * B);
                if (visible > 0) {
                    update(s, t * group, act, (row0 + t) * config.queryDim() + kvHead * group * dim, visible);
                }
            }
        }
        for (int t = 0; t < tokens; t++) {
            for (int h = 0; h < group; h++) {
                int at = (row0 + t) * config.queryDim() + (kvHead * group + h) * dim;
                float inverse = 1f / s.sum[t * group + h];
                for (int i = 0; i < dim; i++) {
                    act.att[at + i] *= inverse;
                }
            }
        }
    }

    // online softmax: fold one block's scores into the running maximum, sum and weighted values of the query rows
    // r .. r + group - 1 (the heads of one kv head for one token, whose queries start at qOffset)
    private void update(Scratch s, int r, Activations act, int qOffset, int visible) {
        int dim = config.headDim();
        int group = config.heads() / config.kvHeads();
        Kernels.groupScores(s.keys, B, dim, act.q, qOffset, group, scale, visible, s.scores);
        for (int h = 0; h < group; h++) {
            float max = Math.max(s.max[r + h], Kernels.max(s.scores, h * B, visible));
            s.rescale[h] = (float) Math.exp(s.max[r + h] - max);
            s.sum[r + h] = s.sum[r + h] * s.rescale[h] + Kernels.expShifted(s.scores, h * B, B, max);
            s.max[r + h] = max;
        }
        Kernels.groupAccumulate(act.att, qOffset, dim, group, s.rescale, s.scores, B, visible, s.values);
    }

    private record Scratch(float[] keys, float[] values, float[] scores, float[] max, float[] sum, float[] rescale) {
    }
}
