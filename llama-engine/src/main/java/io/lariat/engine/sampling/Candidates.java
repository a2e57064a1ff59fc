package io.lariat.engine.sampling;

import java.util.Arrays;

/**
 * The shrinking candidate list of one sampling step, sorted by logit (highest first), with probabilities once
 * {@link #softmax} ran. Package-private working state of {@link Sampler}.
 */
final class Candidates {
    private final int[] ids;
    private final float[] logits;
    private final double[] probs;
    private int size;

    private Candidates(int[] ids, float[] logits, int size) {
        this.ids = ids;
        this.logits = logits;
        this.probs = new double[ids.length];
        this.size = size;
    }

    /**
     * The {@code k} highest logits (all when k is 0 or exceeds the vocabulary), sorted descending, ties by id;
     * negative-infinity logits are left out unless nothing else remains.
     */
    static Candidates topK(float[] all, int k) {
        int keep = k <= 0 ? all.length : Math.min(k, all.length);
        // A min-heap of the best keys seen: one comparison for most logits, O(n log k) at worst.
        long[] heap = new long[keep];
        for (int i = 0; i < keep; i++) {
            heap[i] = key(all[i], i);
        }
        Arrays.sort(heap);
        for (int i = keep; i < all.length; i++) {
            long key = key(all[i], i);
            if (key > heap[0]) {
                heap[0] = key;
                siftDown(heap);
            }
        }
        Arrays.sort(heap);
        int[] ids = new int[keep];
        float[] logits = new float[keep];
        int finite = 0;
        for (int i = 0; i < keep; i++) {
            ids[i] = Integer.MAX_VALUE - (int) heap[keep - 1 - i];
            logits[i] = all[ids[i]];
            // ids masked out by a constraint never become candidates, so no filter or draw can pick them
            finite += logits[i] == Float.NEGATIVE_INFINITY ? 0 : 1;
        }
        return new Candidates(ids, logits, Math.max(1, finite));
    }

    /** A long that orders like the logit, then prefers the lower id. */
    private static long key(float logit, int id) {
        int bits = Float.floatToIntBits(logit);
        int ordered = bits >= 0 ? bits : bits ^ Integer.MAX_VALUE;
        return (long) ordered << 32 | (Integer.MAX_VALUE - id);
    }

    private static void siftDown(long[] heap) {
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= heap.length) {
                return;
            }
            if (child + 1 < heap.length && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[i] <= heap[child]) {
                return;
            }
            long swap = heap[i];
            heap[i] = heap[child];
            heap[child] = swap;
            i = child;
        }
    }

    /** Probabilities of the remaining candidates at the given temperature. */
    void softmax(float temperature) {
        double max = logits[0] / temperature;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            probs[i] = Math.exp(logits[i] / temperature - max);
            sum += probs[i];
        }
        for (int i = 0; i < size; i++) {
            probs[i] /= sum;
        }
    }

    /** Keeps the shortest prefix whose probability reaches {@code p} (at least one candidate). */
    void keepTopP(float p) {
        if (p >= 1f) {
            return;
        }
        double cumulative = 0;
        for (int i = 0; i < size; i++) {
            cumulative += probs[i];
            if (cumulative >= p) {
                size = i + 1;
                return;
            }
        }
    }

    /** Drops candidates whose probability is below {@code minP} times the best one's (at least one remains). */
    void keepMinP(float minP) {
        if (minP <= 0f) {
            return;
        }
        double threshold = probs[0] * minP;
        int keep = 1;
        while (keep < size && probs[keep] >= threshold) {
            keep++;
        }
        size = keep;
    }

    /** The candidate where the cumulative probability passes {@code u} in [0, 1). */
    int draw(double u) {
        double cumulative = 0;
        for (int i = 0; i < size; i++) {
            cumulative += probs[i];
            if (u < cumulative) {
                return ids[i];
            }
        }
        return ids[size - 1];
    }
}
