package io.lariat.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Selects the highest logits of a position. */
final class TopLogits {
    private TopLogits() {
    }

    /** The {@code k} highest entries of {@code logits}, highest first, lower id first among equals. */
    static List<TokenLogit> of(float[] logits, int k) {
        Comparator<TokenLogit> ascending = Comparator.comparingDouble(TokenLogit::logit)
                .thenComparing(Comparator.comparingInt(TokenLogit::id).reversed());
        PriorityQueue<TokenLogit> best = new PriorityQueue<>(ascending);
        for (int id = 0; id < logits.length; id++) {
            TokenLogit entry = new TokenLogit(id, logits[id]);
            if (best.size() < k) {
                best.add(entry);
            } else if (k > 0 && ascending.compare(entry, best.peek()) > 0) {
                best.poll();
                best.add(entry);
            }
        }
        List<TokenLogit> sorted = new ArrayList<>(best);
        sorted.sort(ascending.reversed());
        return sorted;
    }
}
