package io.lariat.prompts.grammar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which ordinary tokens may come next, for sets of automaton stacks, over one vocabulary.
 *
 * <p>Two caches make this fast (the idea behind xgrammar). First, per top frame: a walk over the {@link TokenTrie}
 * with the rest of the stack unknown sorts every token into accepted (valid whatever lies below), rejected, or
 * uncertain (it ends the top frame and goes on into the unknown rest). That split is computed once per distinct top
 * frame for the life of the grammar. Second, per full stack set: the accepted tokens plus the uncertain ones checked
 * byte by byte against the real stack, kept in a bounded LRU map. Thread-safe.
 */
final class TokenMasks {
    private static final int FRAME_CACHE_LIMIT = 2048;
    private static final int MASK_CACHE_LIMIT = 512;

    private final TokenTrie trie;
    private final int words;
    private final Map<Frame, Split> splits = new ConcurrentHashMap<>();
    private final Map<List<Stack>, long[]> masks = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Stack>, long[]> eldest) {
            return size() > MASK_CACHE_LIMIT;
        }
    };

    TokenMasks(TokenTrie trie) {
        this.trie = trie;
        this.words = (trie.vocabSize + 63) >>> 6;
    }

    TokenTrie trie() {
        return trie;
    }

    /** The tokens of a split, as found by one trie walk. */
    private record Split(long[] accepted, int[] uncertain) {
    }

    /** Bit {@code id} set for every ordinary token that can continue one of {@code stacks}. Shared: do not modify. */
    long[] allowed(List<Stack> stacks) {
        synchronized (masks) {
            long[] cached = masks.get(stacks);
            if (cached != null) {
                return cached;
            }
        }
        long[] mask = new long[words];
        for (Stack stack : stacks) {
            if (stack.top() instanceof Frame.End) {
                continue;
            }
            Split split = splits.get(stack.top());
            if (split == null) {
                split = split(stack.top());
                if (splits.size() >= FRAME_CACHE_LIMIT) {
                    splits.clear();
                }
                splits.put(stack.top(), split);
            }
            for (int i = 0; i < words; i++) {
                mask[i] |= split.accepted[i];
            }
            List<Stack> single = List.of(stack);
            for (int id : split.uncertain) {
                if ((mask[id >>> 6] & 1L << id) == 0 && !Stacks.advance(single, trie.bytes[id]).isEmpty()) {
                    mask[id >>> 6] |= 1L << id;
                }
            }
        }
        synchronized (masks) {
            masks.put(List.copyOf(stacks), mask);
        }
        return mask;
    }

    private Split split(Frame top) {
        long[] accepted = new long[words];
        Walk walk = new Walk(accepted);
        List<Stack> start = List.of(new Stack(top, Stack.HOLE));
        for (int child = trie.firstChild[0]; child >= 0; child = trie.nextSibling[child]) {
            walk.visit(child, 0, start, false);
        }
        return new Split(accepted, walk.uncertain.stream().mapToInt(Integer::intValue).toArray());
    }

    /** One trie walk: stacks after each prefix, and whether a prefix already reached below the top frame. */
    private final class Walk {
        final long[] accepted;
        final List<Integer> uncertain = new ArrayList<>();
        /** One buffer per depth: a depth's buffer is reused only after the subtree that read it is done. */
        Steps[] buffers = new Steps[64];

        Walk(long[] accepted) {
            this.accepted = accepted;
        }

        void visit(int node, int depth, List<Stack> stacks, boolean spilledBefore) {
            if (depth == buffers.length) {
                buffers = Arrays.copyOf(buffers, depth * 2);
            }
            Steps out = buffers[depth] == null ? (buffers[depth] = new Steps()) : buffers[depth];
            out.clear();
            int b = trie.label[node];
            for (Stack stack : stacks) {
                Stacks.step(stack, b, out);
            }
            boolean spilled = spilledBefore || out.spilled;
            if (out.stacks.isEmpty()) {
                if (spilled) {
                    for (int i = trie.lo[node]; i < trie.hi[node]; i++) {
                        uncertain.add(trie.sortedIds[i]);
                    }
                }
                return;
            }
            for (int i = trie.lo[node]; i < trie.endHi[node]; i++) {
                int id = trie.sortedIds[i];
                accepted[id >>> 6] |= 1L << id;
            }
            for (int child = trie.firstChild[node]; child >= 0; child = trie.nextSibling[child]) {
                visit(child, depth + 1, out.stacks, spilled);
            }
        }
    }

    /** Number of distinct top frames whose split is cached (for tests and benchmarks). */
    int cachedFrames() {
        return splits.size();
    }
}
