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
 * with the rest of the stack unknown (a {@link Frame.Hole}) sorts the tokens into accepted (valid whatever lies
 * below) and the rest, and records the spill points: each trie node whose byte reaches into the unknown rest, with
 * the stacks just before it. That split is computed once per distinct top frame; number frames compare by value
 * (their rules do), so their splits are shared by every grammar over the same vocabulary, and a string's split, the
 * walk over most of the vocabulary, is shared by every string of every grammar whatever its length bounds and count
 * ({@link StringSplit}). Second, per full stack set: the accepted tokens plus the subtrees below the spill
 * points walked again with the real stack in place of the hole, kept in a bounded LRU map. A frame that may end at
 * once (a number after a digit) spills at nearly every first byte, yet the real walk below each spill point dies
 * after a byte or two, so no mask ever checks tokens one by one. Thread-safe.
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

    /**
     * The stack-independent part of one top frame's mask.
     *
     * @param accepted  tokens valid whatever lies below the frame
     * @param spillNode per spill point: the trie node whose byte reached below the frame
     * @param before    per spill point: the stacks before that byte, with {@link Stack#HOLE} at their bottom
     */
    record Split(long[] accepted, int[] spillNode, List<List<Stack>> before) {
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
        RealWalk real = new RealWalk(mask);
        for (Stack stack : stacks) {
            if (stack.top() instanceof Frame.End) {
                continue;
            }
            if (stack.top() instanceof StringFrame string) {
                List<Stack> rest = List.of(stack.rest());
                stringSplit(string).addTo(mask, string, quote -> {
                    for (int child = trie.firstChild[quote]; child >= 0; child = trie.nextSibling[child]) {
                        real.visit(child, 0, rest);
                    }
                });
                continue;
            }
            Split split = split(stack.top());
            for (int i = 0; i < words; i++) {
                mask[i] |= split.accepted[i];
            }
            for (int i = 0; i < split.spillNode.length; i++) {
                real.visit(split.spillNode[i], 0, rebase(split.before.get(i), stack.rest()));
            }
        }
        synchronized (masks) {
            masks.put(List.copyOf(stacks), mask);
        }
        return mask;
    }

    private Split split(Frame top) {
        Map<Frame, Split> cache = shared(top) ? trie.sharedSplits : splits;
        Split split = cache.get(top);
        if (split == null) {
            split = computeSplit(top);
            if (cache.size() >= FRAME_CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(top, split);
        }
        return split;
    }

    /** Frames whose behaviour depends on values only, so equal frames of different grammars share one split. */
    private static boolean shared(Frame top) {
        return top instanceof NumberFrame;
    }

    /** The split of a string position, shared by every string of every grammar over this vocabulary. */
    private StringSplit stringSplit(StringFrame frame) {
        return trie.stringSplits.computeIfAbsent(frame.esc() << 8 | frame.utf(),
                key -> StringSplit.compute(trie, frame.esc(), frame.utf()));
    }

    private Split computeSplit(Frame top) {
        long[] accepted = new long[words];
        SplitWalk walk = new SplitWalk(accepted);
        List<Stack> start = List.of(new Stack(top, Stack.HOLE));
        for (int child = trie.firstChild[0]; child >= 0; child = trie.nextSibling[child]) {
            walk.visit(child, 0, start);
        }
        return new Split(accepted, walk.spillNodes.stream().mapToInt(Integer::intValue).toArray(),
                List.copyOf(walk.before));
    }

    /** The stacks with the hole at their bottom replaced by {@code rest}. */
    private static List<Stack> rebase(List<Stack> stacks, Stack rest) {
        List<Stack> out = new ArrayList<>(stacks.size());
        for (Stack stack : stacks) {
            out.add(rebase(stack, rest));
        }
        return out;
    }

    private static Stack rebase(Stack stack, Stack rest) {
        return stack == Stack.HOLE ? rest : new Stack(stack.top(), rebase(stack.rest(), rest));
    }

    /** Per-depth {@link Steps} buffers: a depth's buffer is reused only after the subtree that read it is done. */
    private abstract static class Walk {
        Steps[] buffers = new Steps[64];

        Steps buffer(int depth) {
            if (depth == buffers.length) {
                buffers = Arrays.copyOf(buffers, depth * 2);
            }
            Steps out = buffers[depth] == null ? (buffers[depth] = new Steps()) : buffers[depth];
            out.clear();
            return out;
        }
    }

    /** The walk of one top frame over the hole: accepted tokens, and the spill points. */
    private final class SplitWalk extends Walk {
        final long[] accepted;
        final List<Integer> spillNodes = new ArrayList<>();
        final List<List<Stack>> before = new ArrayList<>();

        SplitWalk(long[] accepted) {
            this.accepted = accepted;
        }

        void visit(int node, int depth, List<Stack> stacks) {
            Steps out = buffer(depth);
            int b = trie.label[node];
            for (Stack stack : stacks) {
                Stacks.step(stack, b, out);
            }
            if (out.spilled) {
                // siblings share their parent's stacks: one copy serves every spill point below the same node
                List<Stack> parent = !before.isEmpty() && before.getLast().equals(stacks) ? before.getLast()
                        : List.copyOf(stacks);
                spillNodes.add(node);
                before.add(parent);
            }
            if (out.stacks.isEmpty()) {
                return;
            }
            for (int i = trie.lo[node]; i < trie.endHi[node]; i++) {
                int id = trie.sortedIds[i];
                accepted[id >>> 6] |= 1L << id;
            }
            for (int child = trie.firstChild[node]; child >= 0; child = trie.nextSibling[child]) {
                visit(child, depth + 1, out.stacks);
            }
        }
    }

    /** The walk below one spill point with the real stacks: marks every token that continues them. */
    private final class RealWalk extends Walk {
        final long[] mask;

        RealWalk(long[] mask) {
            this.mask = mask;
        }

        void visit(int node, int depth, List<Stack> stacks) {
            Steps out = buffer(depth);
            int b = trie.label[node];
            for (Stack stack : stacks) {
                Stacks.step(stack, b, out);
            }
            if (out.stacks.isEmpty()) {
                return;
            }
            for (int i = trie.lo[node]; i < trie.endHi[node]; i++) {
                int id = trie.sortedIds[i];
                mask[id >>> 6] |= 1L << id;
            }
            for (int child = trie.firstChild[node]; child >= 0; child = trie.nextSibling[child]) {
                visit(child, depth + 1, out.stacks);
            }
        }
    }

    /** Number of distinct top frames whose split is cached for this grammar alone (for tests and benchmarks). */
    int cachedFrames() {
        return splits.size();
    }
}
