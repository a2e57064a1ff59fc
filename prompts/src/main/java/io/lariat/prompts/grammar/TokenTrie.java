package io.lariat.prompts.grammar;

import io.lariat.engine.tokenizer.Tokenizer;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ordinary tokens of a vocabulary as a trie of their bytes, so that a mask computation walks each shared prefix
 * once. Tokens are sorted by bytes, so every node's subtree is a contiguous range of {@link #sortedIds}. Special
 * tokens are left out: they never occur inside constrained text. Immutable; one per tokenizer, built on first use.
 */
final class TokenTrie {
    private static final Map<Tokenizer, TokenTrie> BUILT = Collections.synchronizedMap(new WeakHashMap<>());

    final int vocabSize;
    final byte[][] bytes;
    final int[] sortedIds;
    /** Per node: its byte, first child, next sibling, subtree range [lo, hi), and ids ending exactly here [lo, endHi). */
    int[] label;
    int[] firstChild;
    int[] nextSibling;
    int[] lo;
    int[] hi;
    int[] endHi;
    int nodes;
    /** Splits of the frames whose masks depend on values only (numbers), shared by every grammar. */
    final Map<Frame, TokenMasks.Split> sharedSplits = new ConcurrentHashMap<>();
    /** Splits of string positions, keyed by escape and UTF-8 state, shared by every grammar. */
    final Map<Integer, StringSplit> stringSplits = new ConcurrentHashMap<>();

    private TokenTrie(Tokenizer tokenizer) {
        vocabSize = tokenizer.vocabSize();
        bytes = new byte[vocabSize][];
        Integer[] ordinary = new Integer[vocabSize];
        int count = 0;
        for (int id = 0; id < vocabSize; id++) {
            if (!tokenizer.isSpecial(id)) {
                bytes[id] = tokenizer.tokenBytes(id);
                if (bytes[id].length > 0) {
                    ordinary[count++] = id;
                }
            }
        }
        Integer[] sorted = Arrays.copyOf(ordinary, count);
        Arrays.sort(sorted, (a, b) -> Arrays.compareUnsigned(bytes[a], bytes[b]));
        sortedIds = Arrays.stream(sorted).mapToInt(Integer::intValue).toArray();
        build();
    }

    /** The trie of {@code tokenizer}'s vocabulary (shared while the tokenizer lives). */
    static TokenTrie of(Tokenizer tokenizer) {
        synchronized (BUILT) {
            return BUILT.computeIfAbsent(tokenizer, TokenTrie::new);
        }
    }

    private void build() {
        int capacity = sortedIds.length * 2 + 1;
        label = new int[capacity];
        firstChild = new int[capacity];
        nextSibling = new int[capacity];
        lo = new int[capacity];
        hi = new int[capacity];
        endHi = new int[capacity];
        nodes = 1;
        Arrays.fill(firstChild, 0, 1, -1);
        int[] path = new int[1024];
        int[] lastChild = new int[capacity];
        lastChild[0] = -1;
        byte[] previous = new byte[0];
        for (int i = 0; i < sortedIds.length; i++) {
            byte[] token = bytes[sortedIds[i]];
            int common = Math.min(Arrays.mismatch(previous, token) < 0 ? previous.length
                    : Arrays.mismatch(previous, token), path.length - 1);
            int node = path[common];
            for (int depth = common; depth < token.length; depth++) {
                int child = newNode(token[depth] & 0xFF, i);
                lastChild = ensure(lastChild);
                lastChild[child] = -1;
                if (lastChild[node] < 0) {
                    firstChild[node] = child;
                } else {
                    nextSibling[lastChild[node]] = child;
                }
                lastChild[node] = child;
                node = child;
                path[depth + 1] = child;
            }
            for (int depth = 0; depth <= token.length; depth++) {
                hi[path[depth]] = i + 1;
            }
            if (token.length == common || endHi[node] == i) {
                endHi[node] = i + 1;
            }
            previous = token;
        }
    }

    private int newNode(int value, int first) {
        if (nodes == label.length) {
            int size = nodes * 2;
            label = Arrays.copyOf(label, size);
            firstChild = Arrays.copyOf(firstChild, size);
            nextSibling = Arrays.copyOf(nextSibling, size);
            lo = Arrays.copyOf(lo, size);
            hi = Arrays.copyOf(hi, size);
            endHi = Arrays.copyOf(endHi, size);
        }
        int node = nodes++;
        label[node] = value;
        firstChild[node] = -1;
        nextSibling[node] = -1;
        lo[node] = first;
        endHi[node] = first;
        return node;
    }

    private int[] ensure(int[] lastChild) {
        return lastChild.length >= label.length ? lastChild : Arrays.copyOf(lastChild, label.length);
    }
}
