package io.lariat.engine.tokenizer;

/**
 * The symbols of one SentencePiece input: code points of a string that merge into longer runs, kept as a doubly
 * linked list over char ranges (a merged-away symbol has length 0). Not thread-safe; one per encode call.
 */
final class Symbols {

    private final String text;
    private final int[] start;
    private final int[] length;
    private final int[] prev;
    private final int[] next;
    private final int count;

    Symbols(String text) {
        this.text = text;
        int n = text.codePointCount(0, text.length());
        start = new int[n];
        length = new int[n];
        prev = new int[n];
        next = new int[n];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            start[i] = offset;
            length[i] = Character.charCount(text.codePointAt(offset));
            offset += length[i];
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        count = n;
    }

    int count() {
        return count;
    }

    int prev(int i) {
        return prev[i];
    }

    int next(int i) {
        return next[i];
    }

    String text(int i) {
        return text.substring(start[i], start[i] + length[i]);
    }

    /** Chars in {@code left} and {@code right} together, or -1 when either is merged away or they are not adjacent. */
    int pairLength(int left, int right) {
        if (length[left] == 0 || length[right] == 0 || next[left] != right) {
            return -1;
        }
        return length[left] + length[right];
    }

    String pairText(int left, int right) {
        return text.substring(start[left], start[right] + length[right]);
    }

    /** Merges {@code right} into its left neighbour {@code left}. */
    void join(int left, int right) {
        length[left] += length[right];
        length[right] = 0;
        next[left] = next[right];
        if (next[right] >= 0) {
            prev[next[right]] = left;
        }
    }
}
