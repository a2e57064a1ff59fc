package io.lariat.engine.tokenizer;

/**
 * Applies BPE merges to the bytes of one pre-tokenized piece: lowest rank first, leftmost first among equal
 * ranks, as llama.cpp and tiktoken do.
 *
 * <p>Symbols live in arrays indexed by their first byte's position, chained as a doubly linked list; candidate
 * pairs wait in a binary min-heap of {@code rank << 32 | position}, so leftmost wins ties for free. A popped
 * candidate is merged only if its two symbols still form that pair (stale entries are skipped), which makes
 * the whole piece O(n log n). Holds scratch arrays reused from piece to piece: not thread-safe, one per caller.
 */
final class BytePairEncoder {

    private final MergeTable merges;
    private final int[] byteIds;
    private int[] ids = new int[64];
    private int[] prev = new int[64];
    private int[] next = new int[64];
    private long[] heap = new long[64];
    private int heapSize;

    BytePairEncoder(MergeTable merges, int[] byteIds) {
        this.merges = merges;
        this.byteIds = byteIds;
    }

    /** Appends the token ids of {@code bytes[0..length)} to {@code out}. */
    void encode(byte[] bytes, int length, IntList out) {
        if (length == 0) {
            return;
        }
        reset(length);
        for (int i = 0; i < length; i++) {
            ids[i] = byteIds[bytes[i] & 0xFF];
            prev[i] = i - 1;
            next[i] = i + 1 < length ? i + 1 : -1;
        }
        for (int i = 0; i + 1 < length; i++) {
            offer(i, i + 1);
        }
        while (heapSize > 0) {
            long top = poll();
            int pos = (int) top;
            int right = next[pos];
            if (ids[pos] < 0 || right < 0) {
                continue;
            }
            long merge = merges.lookup(ids[pos], ids[right]);
            if (merge < 0 || (merge >>> 32) != (top >>> 32)) {
                continue;
            }
            join(pos, right, (int) merge);
        }
        for (int i = 0; i >= 0; i = next[i]) {
            out.add(ids[i]);
        }
    }

    private void join(int pos, int right, int mergedId) {
        ids[pos] = mergedId;
        ids[right] = -1;
        int after = next[right];
        next[pos] = after;
        if (after >= 0) {
            prev[after] = pos;
            offer(pos, after);
        }
        if (prev[pos] >= 0) {
            offer(prev[pos], pos);
        }
    }

    private void offer(int left, int right) {
        long merge = merges.lookup(ids[left], ids[right]);
        if (merge < 0) {
            return;
        }
        long entry = (merge & 0xFFFFFFFF00000000L) | left;
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= entry) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = entry;
    }

    private long poll() {
        long top = heap[0];
        long last = heap[--heapSize];
        int i = 0;
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < heapSize && heap[child + 1] < heap[child]) {
                child++;
            }
            if (last <= heap[child]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
        return top;
    }

    private void reset(int length) {
        if (ids.length < length) {
            int size = Integer.highestOneBit(length) << 1;
            ids = new int[size];
            prev = new int[size];
            next = new int[size];
        }
        // Every merge offers at most two new pairs, on top of the length - 1 initial ones.
        if (heap.length < 3 * length) {
            heap = new long[3 * length];
        }
        heapSize = 0;
    }
}
