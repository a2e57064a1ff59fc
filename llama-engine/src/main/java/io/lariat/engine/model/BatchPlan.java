package io.lariat.engine.model;

/**
 * The tokens of one forward pass, each with the sequence it belongs to: its id, its position and the KV cache of its
 * sequence. One pass may mix sequences (continuous batching: one decode token of each active sequence plus a chunk of
 * a new prompt), so that every weight matrix is read once for all of them while attention stays per sequence.
 *
 * <p>Tokens of one sequence must appear in ascending, consecutive positions that continue what its cache holds; the
 * pass stores every token's keys and values before any attention, so a token attends to the earlier tokens of its
 * own sequence in the same pass. Not thread-safe; reusable after {@link #clear()}.
 */
public final class BatchPlan {
    final int[] tokens;
    final int[] positions;
    final KvSequence[] caches;
    private int size;

    /** An empty plan for up to {@code capacity} tokens. */
    public BatchPlan(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("plan capacity must be at least 1, got " + capacity);
        }
        tokens = new int[capacity];
        positions = new int[capacity];
        caches = new KvSequence[capacity];
    }

    /** A plan of {@code count} consecutive tokens {@code ids[offset ..]} of one sequence from {@code startPos}. */
    public static BatchPlan sequence(KvSequence cache, int[] ids, int offset, int count, int startPos) {
        BatchPlan plan = new BatchPlan(Math.max(1, count));
        for (int t = 0; t < count; t++) {
            plan.add(cache, ids[offset + t], startPos + t);
        }
        return plan;
    }

    /**
     * Appends one token; returns its index in the batch.
     *
     * @throws IllegalStateException when the plan is full
     */
    public int add(KvSequence cache, int tokenId, int position) {
        if (size == tokens.length) {
            throw new IllegalStateException("batch plan is full at " + size + " tokens");
        }
        tokens[size] = tokenId;
        positions[size] = position;
        caches[size] = cache;
        return size++;
    }

    /** Entries from {@code first} on that continue the same sequence at consecutive positions. */
    int runLength(int first) {
        int end = first + 1;
        while (end < size && caches[end] == caches[first] && positions[end] == positions[end - 1] + 1) {
            end++;
        }
        return end - first;
    }

    /** Tokens planned. */
    public int size() {
        return size;
    }

    /** Tokens the plan can hold. */
    public int capacity() {
        return tokens.length;
    }

    /** Room left. */
    public int remaining() {
        return tokens.length - size;
    }

    /** Empties the plan (and drops its cache references). */
    public void clear() {
        java.util.Arrays.fill(caches, 0, size, null);
        size = 0;
    }
}
