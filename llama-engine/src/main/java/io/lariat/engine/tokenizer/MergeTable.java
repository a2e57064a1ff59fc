package io.lariat.engine.tokenizer;

import java.util.List;
import java.util.Map;

/**
 * The BPE merge ranks as an open-addressing hash map from a pair of token ids to the merge's rank and the id of
 * the merged token, over primitive arrays so that the merge loop never boxes. Immutable once built; thread-safe.
 */
final class MergeTable {

    private static final long EMPTY = -1L;

    private final long[] keys;
    /** Rank in the high 32 bits, merged id in the low 32 bits. */
    private final long[] values;
    private final int mask;

    private MergeTable(int capacity) {
        int size = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
        keys = new long[size];
        values = new long[size];
        mask = size - 1;
        java.util.Arrays.fill(keys, EMPTY);
    }

    /**
     * Parses merges given as {@code "left right"} in stored (byte-encoded) token text, rank = list index.
     *
     * @throws TokenizerException when a merge is malformed or names a token, or yields a text, not in the vocabulary
     */
    static MergeTable parse(List<String> merges, Map<String, Integer> storedIds) {
        int[] left = new int[merges.size()];
        int[] right = new int[merges.size()];
        int[] merged = new int[merges.size()];
        for (int rank = 0; rank < merges.size(); rank++) {
            String merge = merges.get(rank);
            // Search from 1: a merge's left side is never empty, and stored texts never hold a plain space.
            int space = merge.indexOf(' ', 1);
            if (space < 0) {
                throw new TokenizerException("merge %d \"%s\" is not \"left right\"".formatted(rank, merge));
            }
            String a = merge.substring(0, space);
            String b = merge.substring(space + 1);
            left[rank] = idOf(storedIds, a, rank, merge);
            right[rank] = idOf(storedIds, b, rank, merge);
            merged[rank] = idOf(storedIds, a + b, rank, merge);
        }
        return of(left, right, merged);
    }

    private static int idOf(Map<String, Integer> storedIds, String text, int rank, String merge) {
        Integer id = storedIds.get(text);
        if (id == null) {
            throw new TokenizerException("merge %d \"%s\" needs token \"%s\", which is not in the vocabulary"
                    .formatted(rank, merge, text));
        }
        return id;
    }

    /**
     * Builds the table from parallel arrays: merge {@code rank} joins {@code left[rank]} and {@code right[rank]}
     * into {@code merged[rank]}. A pair listed twice keeps its first (lowest) rank.
     */
    private static MergeTable of(int[] left, int[] right, int[] merged) {
        MergeTable table = new MergeTable(left.length);
        for (int rank = 0; rank < left.length; rank++) {
            table.putIfAbsent(key(left[rank], right[rank]), ((long) rank << 32) | (merged[rank] & 0xFFFFFFFFL));
        }
        return table;
    }

    /** Rank (high 32 bits) and merged id (low 32 bits) of the pair, or -1 when the pair never merges. */
    long lookup(int left, int right) {
        long key = key(left, right);
        for (int slot = slot(key); ; slot = (slot + 1) & mask) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == EMPTY) {
                return -1L;
            }
        }
    }

    private void putIfAbsent(long key, long value) {
        int slot = slot(key);
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }
}
