package io.lariat.prompts.grammar;

import io.lariat.prompts.grammar.SchemaRule.StringRule;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The stack-independent mask of the inside of a string, for every {@code minLength}/{@code maxLength} at once. One
 * walk over the {@link TokenTrie} from a string position (escape and UTF-8 state, with no length bound) records
 * each token by the code points it writes: tokens that stay inside the string by that count, tokens that end with
 * the closing quote and the quote nodes below which the token reaches into the enclosing value by the count before
 * the quote. A bounded string at count {@code c} then takes the tokens whose count fits the room left
 * ({@code max - c}) and may close only within {@code [min - c, max - c]}: the length is a counter in the automaton
 * state, and no length bound or count ever needs a walk of its own. Immutable.
 */
final class StringSplit {
    private static final StringRule ANY_LENGTH = new StringRule(0, SchemaRule.UNBOUNDED);

    /** Tokens that stay inside the string, whatever their count. */
    private final long[] insideAll;
    private final ByCount inside;
    private final ByCount closed;
    private final ByCount quotes;

    private StringSplit(long[] insideAll, ByCount inside, ByCount closed, ByCount quotes) {
        this.insideAll = insideAll;
        this.inside = inside;
        this.closed = closed;
        this.quotes = quotes;
    }

    /** The split of a string position with escape state {@code esc} and UTF-8 state {@code utf} (see StringFrame). */
    static StringSplit compute(TokenTrie trie, int esc, int utf) {
        Collector walk = new Collector(trie);
        StringFrame start = new StringFrame(ANY_LENGTH, 0, esc, utf);
        for (int child = trie.firstChild[0]; child >= 0; child = trie.nextSibling[child]) {
            walk.visit(child, start, 0);
        }
        return new StringSplit(walk.insideAll, walk.inside.build(), walk.closed.build(), walk.quotes.build());
    }

    /**
     * Sets in {@code mask} every token that continues {@code frame} without leaving the string or by ending with
     * its closing quote, and passes to {@code below} each quote node whose children lead into the enclosing value
     * (their validity depends on the stack).
     */
    void addTo(long[] mask, StringFrame frame, IntConsumer below) {
        StringRule rule = frame.rule();
        int room = rule.max == SchemaRule.UNBOUNDED ? Integer.MAX_VALUE : rule.max - frame.count();
        int need = Math.max(0, rule.min - frame.count());
        if (room >= inside.maxCount()) {
            for (int i = 0; i < mask.length; i++) {
                mask[i] |= insideAll[i];
            }
        } else {
            inside.forEach(0, room, id -> mask[id >>> 6] |= 1L << id);
        }
        closed.forEach(need, room, id -> mask[id >>> 6] |= 1L << id);
        quotes.forEach(need, room, below);
    }

    /**
     * Items grouped by a count: {@code items[from[k]] .. items[from[k + 1] - 1]} have count {@code k}.
     *
     * @param items the items in ascending count order
     * @param from  per count, the first index of its items; one longer than the largest count plus one
     */
    private record ByCount(int[] items, int[] from) {
        int maxCount() {
            return from.length - 2;
        }

        void forEach(int lo, int hi, IntConsumer action) {
            if (hi < lo || lo > maxCount()) {
                return;
            }
            int end = from[Math.min(hi, maxCount()) + 1];
            for (int i = from[Math.max(lo, 0)]; i < end; i++) {
                action.accept(items[i]);
            }
        }
    }

    /** Collects (count, item) pairs, then sorts them by count. */
    private static final class ByCountBuilder {
        private int[] counts = new int[256];
        private int[] items = new int[256];
        private int size;
        private int maxCount = -1;

        void add(int count, int item) {
            if (size == items.length) {
                counts = Arrays.copyOf(counts, size * 2);
                items = Arrays.copyOf(items, size * 2);
            }
            counts[size] = count;
            items[size++] = item;
            maxCount = Math.max(maxCount, count);
        }

        ByCount build() {
            int[] from = new int[maxCount + 2];
            for (int i = 0; i < size; i++) {
                from[counts[i] + 1]++;
            }
            for (int k = 1; k < from.length; k++) {
                from[k] += from[k - 1];
            }
            int[] next = Arrays.copyOf(from, from.length);
            int[] sorted = new int[size];
            for (int i = 0; i < size; i++) {
                sorted[next[counts[i]]++] = items[i];
            }
            return new ByCount(sorted, from);
        }
    }

    /** The walk: a string position is deterministic, so each trie node has at most one state and one count. */
    private static final class Collector {
        final TokenTrie trie;
        final long[] insideAll;
        final ByCountBuilder inside = new ByCountBuilder();
        final ByCountBuilder closed = new ByCountBuilder();
        final ByCountBuilder quotes = new ByCountBuilder();

        Collector(TokenTrie trie) {
            this.trie = trie;
            this.insideAll = new long[(trie.vocabSize + 63) >>> 6];
        }

        void visit(int node, StringFrame state, int written) {
            int b = trie.label[node];
            if (state.closes(b)) {
                for (int i = trie.lo[node]; i < trie.endHi[node]; i++) {
                    closed.add(written, trie.sortedIds[i]);
                }
                if (trie.firstChild[node] >= 0) {
                    quotes.add(written, node);
                }
                return;
            }
            StringFrame next = state.advance(b);
            if (next == null) {
                return;
            }
            // a code point is counted at its first byte (a lead byte or the backslash of an escape), as advance does
            int count = state.esc() == 0 && state.utf() == 0 ? written + 1 : written;
            for (int i = trie.lo[node]; i < trie.endHi[node]; i++) {
                int id = trie.sortedIds[i];
                inside.add(count, id);
                insideAll[id >>> 6] |= 1L << id;
            }
            for (int child = trie.firstChild[node]; child >= 0; child = trie.nextSibling[child]) {
                visit(child, next, count);
            }
        }
    }
}
