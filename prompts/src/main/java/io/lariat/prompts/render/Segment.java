package io.lariat.prompts.render;

import java.util.List;

/**
 * One piece of a rendered prompt: a special token, ordinary text (encoded on its own, spec §2.1 per-segment rule),
 * or ids replayed exactly as they were sampled.
 */
public sealed interface Segment {

    /** A special token, placed only where the format puts one. */
    record Special(int id, String name) implements Segment {
    }

    /** Ordinary text; never parsed for special-token names. */
    record Text(String text) implements Segment {
    }

    /**
     * Ids replayed verbatim (spec §11 raw replay), with the structured rendering of the same turn for text output
     * when no tokenizer is at hand.
     */
    record Sampled(int[] ids, List<Segment> fallback) implements Segment {

        /** Copies the ids and the fallback. */
        public Sampled {
            ids = ids.clone();
            fallback = List.copyOf(fallback);
        }

        @Override
        public int[] ids() {
            return ids.clone();
        }
    }
}
