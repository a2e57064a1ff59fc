package io.lariat.examples.demo;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Questions composed from independent parts: an opener, a core frame that holds the task's values, and a closer.
 * The model is meant to learn to copy values out of any wording rather than to memorise whole templates.
 *
 * <p>Each (opener, core, closer) combination belongs to exactly one {@link Phrasing}: about one in four is held
 * out, chosen by a fixed hash, so held-out questions recombine words the model has seen in orders it never saw
 * (an unseen word would have an all-zero embedding, so it could not be understood). Surface variations (all lower
 * case, a dropped final mark) apply to both sets and never move a question between them. Immutable.
 *
 * @param openers texts put before the core; index 0 must be the empty opener
 * @param cores   {@link String#format} frames of the values, each with its own final mark
 * @param closers texts put after the core; index 0 must be the empty closer
 * @param latin   whether casing and a space-led closer apply (false for Chinese)
 */
record Phrasebook(List<String> openers, List<String> cores, List<String> closers, boolean latin) {

    /** Every fourth combination (by hash) is held out. */
    private static final int HELD_OUT_ONE_IN = 4;

    Phrasebook {
        openers = List.copyOf(openers);
        cores = List.copyOf(cores);
        closers = List.copyOf(closers);
        if (!openers.getFirst().isEmpty() || !closers.getFirst().isEmpty()) {
            throw new IllegalArgumentException("the first opener and closer must be empty");
        }
    }

    /** A question of {@code phrasing} holding {@code values}; the same random state gives the same question. */
    String compose(SplittableRandom r, Phrasing phrasing, Object... values) {
        while (true) {
            int opener = part(r, openers.size());
            int core = r.nextInt(cores.size());
            int closer = part(r, closers.size());
            if (isHeldOut(opener, core, closer) == (phrasing == Phrasing.HELD_OUT)) {
                return render(opener, core, closer, r, values);
            }
        }
    }

    /** Whether a combination of part indices belongs to the held-out set. */
    static boolean isHeldOut(int opener, int core, int closer) {
        int h = opener * 73_856_093 ^ core * 19_349_663 ^ closer * 83_492_791;
        h ^= h >>> 13;
        h *= 0x5bd1e995;
        h ^= h >>> 15;
        return Math.floorMod(h, HELD_OUT_ONE_IN) == 0;
    }

    /** The empty part (index 0) half the time, else any other part uniformly. */
    private static int part(SplittableRandom r, int size) {
        return size == 1 || r.nextBoolean() ? 0 : 1 + r.nextInt(size - 1);
    }

    /** Varies the frame's text only, never the values: an order id or unit keeps its case. */
    private String render(int opener, int core, int closer, SplittableRandom r, Object[] values) {
        String head = openers.get(opener);
        String body = cores.get(core);
        if (latin && (head.endsWith(", ") || head.endsWith(": "))) {
            body = Character.toLowerCase(body.charAt(0)) + body.substring(1);
        }
        String tail = closers.get(closer);
        int variant = r.nextInt(10);
        if (tail.isEmpty() && variant == 0 && ".?？。".indexOf(body.charAt(body.length() - 1)) >= 0) {
            body = body.substring(0, body.length() - 1);
        }
        String frame = head + body + tail;
        if (latin && variant == 1) {
            frame = frame.toLowerCase(Locale.ROOT);
        }
        if (latin) {
            frame = typed(frame, r);
        }
        return String.format(Locale.ROOT, frame, values);
    }

    /**
     * The frame as people type it, about half the time: all lower case without a final mark, apostrophes left out
     * ("whats"), or one word misspelt (two letters swapped or one dropped: "whta", "calcualte"). Only the frame's
     * words change, never a {@code %s} or the values.
     */
    static String typed(String frame, SplittableRandom r) {
        int kind = r.nextInt(100);
        if (kind < 20) {
            String lower = frame.toLowerCase(Locale.ROOT);
            return lower.length() > 1 && ".?!".indexOf(lower.charAt(lower.length() - 1)) >= 0
                    && r.nextBoolean() ? lower.substring(0, lower.length() - 1) : lower;
        }
        if (kind < 30) {
            return frame.replace("'", "");
        }
        if (kind < 42) {
            return misspelt(frame, r);
        }
        return frame;
    }

    /** One word of four or more letters (outside format specifiers) with two inner letters swapped or one dropped. */
    private static String misspelt(String frame, SplittableRandom r) {
        java.util.regex.Matcher words = java.util.regex.Pattern.compile("(?<![%$\\p{L}])\\p{L}{4,}").matcher(frame);
        List<int[]> spans = new java.util.ArrayList<>();
        while (words.find()) {
            spans.add(new int[] {words.start(), words.end()});
        }
        if (spans.isEmpty()) {
            return frame;
        }
        int[] span = spans.get(r.nextInt(spans.size()));
        char[] word = frame.substring(span[0], span[1]).toCharArray();
        int i = 1 + r.nextInt(word.length - 2);
        String typo;
        if (r.nextBoolean()) {
            char c = word[i];
            word[i] = word[i + 1];
            word[i + 1] = c;
            typo = new String(word);
        } else {
            typo = new String(word, 0, i) + new String(word, i + 1, word.length - i - 1);
        }
        return frame.substring(0, span[0]) + typo + frame.substring(span[1]);
    }
}
