package io.lariat.prompts.render;

import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds segment lists and turns them into token ids or text. Not thread-safe while building; the finished list is
 * immutable.
 */
public final class Segments {

    /** {@code <|begin_of_text|>}. */
    public static final Segment.Special BOS = new Segment.Special(SpecialTokens.BEGIN_OF_TEXT,
            SpecialTokens.BEGIN_OF_TEXT_NAME);
    /** {@code <|start_header_id|>}. */
    public static final Segment.Special START_HEADER = new Segment.Special(SpecialTokens.START_HEADER,
            SpecialTokens.START_HEADER_NAME);
    /** {@code <|end_header_id|>}. */
    public static final Segment.Special END_HEADER = new Segment.Special(SpecialTokens.END_HEADER,
            SpecialTokens.END_HEADER_NAME);
    /** {@code <|eom_id|>}. */
    public static final Segment.Special EOM = new Segment.Special(SpecialTokens.EOM, SpecialTokens.EOM_NAME);
    /** {@code <|eot_id|>}. */
    public static final Segment.Special EOT = new Segment.Special(SpecialTokens.EOT, SpecialTokens.EOT_NAME);
    /** {@code <|python_tag|>}. */
    public static final Segment.Special PYTHON_TAG = new Segment.Special(SpecialTokens.PYTHON_TAG,
            SpecialTokens.PYTHON_TAG_NAME);

    private final List<Segment> segments = new ArrayList<>();

    /** Appends a special token. */
    public Segments special(Segment.Special special) {
        segments.add(special);
        return this;
    }

    /** Appends ordinary text; empty text adds nothing. */
    public Segments text(String text) {
        if (!text.isEmpty()) {
            segments.add(new Segment.Text(text));
        }
        return this;
    }

    /** Appends a role header: {@code <|start_header_id|>ROLE<|end_header_id|>} and the blank line (spec §2.1). */
    public Segments header(String role) {
        return special(START_HEADER).text(role).special(END_HEADER).text("\n\n");
    }

    /** Appends sampled ids with their structured fallback. */
    public Segments sampled(int[] ids, List<Segment> fallback) {
        segments.add(new Segment.Sampled(ids, fallback));
        return this;
    }

    /** Appends other segments. */
    public Segments all(List<Segment> more) {
        segments.addAll(more);
        return this;
    }

    /** The segments built so far, as an immutable list. */
    public List<Segment> build() {
        return List.copyOf(segments);
    }

    /** The token ids: special ids as they are, each text segment encoded on its own as ordinary text. */
    public static int[] toIds(List<Segment> segments, Tokenizer tokenizer) {
        IdBuffer out = new IdBuffer();
        for (Segment segment : segments) {
            switch (segment) {
                case Segment.Special special -> out.add(special.id());
                case Segment.Text text -> out.add(tokenizer.encode(text.text()));
                case Segment.Sampled sampled -> out.add(sampled.ids());
            }
        }
        return out.toArray();
    }

    /**
     * The text with special tokens written literally; sampled ids are decoded with the tokenizer when one is given,
     * else their structured fallback is written.
     */
    public static String toText(List<Segment> segments, Tokenizer tokenizer) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            switch (segment) {
                case Segment.Special special -> out.append(special.name());
                case Segment.Text text -> out.append(text.text());
                case Segment.Sampled sampled -> out.append(tokenizer != null ? tokenizer.decode(sampled.ids())
                        : toText(sampled.fallback(), null));
            }
        }
        return out.toString();
    }

    /** A growable int array. */
    private static final class IdBuffer {
        private int[] ids = new int[256];
        private int size;

        void add(int id) {
            if (size == ids.length) {
                ids = java.util.Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        void add(int[] more) {
            for (int id : more) {
                add(id);
            }
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(ids, size);
        }
    }
}
