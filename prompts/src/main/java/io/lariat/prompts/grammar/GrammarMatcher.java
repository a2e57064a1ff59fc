package io.lariat.prompts.grammar;

import io.lariat.engine.sampling.TokenConstraint;

import java.util.Arrays;
import java.util.List;

/**
 * The automaton state of one constrained generation: the set of stacks the output so far can be in. Not thread-safe.
 */
final class GrammarMatcher implements TokenConstraint.Matcher {
    private final TokenMasks masks;
    private final int[] stopIds;
    private List<Stack> stacks;

    GrammarMatcher(TokenMasks masks, int[] stopIds, List<Stack> start) {
        this.masks = masks;
        this.stopIds = stopIds;
        this.stacks = start;
    }

    /** Whether the output so far is a complete document (a stop id may come next). */
    boolean complete() {
        return Stacks.accepting(stacks);
    }

    /** Whether the ordinary token {@code id} may come next. */
    boolean allows(int id) {
        long[] allowed = masks.allowed(stacks);
        return id >= 0 && id < masks.trie().vocabSize && (allowed[id >>> 6] & 1L << id) != 0;
    }

    @Override
    public void mask(float[] logits) {
        long[] allowed = masks.allowed(stacks);
        boolean complete = complete();
        float[] stops = new float[stopIds.length];
        for (int i = 0; i < stopIds.length; i++) {
            stops[i] = stopIds[i] < logits.length ? logits[stopIds[i]] : 0;
        }
        int limit = Math.min(logits.length, masks.trie().vocabSize);
        boolean any = false;
        for (int id = 0; id < limit; id++) {
            if ((allowed[id >>> 6] & 1L << id) == 0) {
                logits[id] = Float.NEGATIVE_INFINITY;
            } else {
                any = true;
            }
        }
        Arrays.fill(logits, limit, logits.length, Float.NEGATIVE_INFINITY);
        if (complete) {
            for (int i = 0; i < stopIds.length; i++) {
                if (stopIds[i] < logits.length) {
                    logits[stopIds[i]] = stops[i];
                    any = true;
                }
            }
        }
        if (!any) {
            throw new IllegalStateException("no token can continue the constrained output");
        }
    }

    @Override
    public void accept(int id) {
        if (isStop(id)) {
            if (!complete()) {
                throw new IllegalStateException("stop id " + id + " before the constrained output is complete");
            }
            stacks = List.of(Stack.END);
            return;
        }
        byte[] bytes = id >= 0 && id < masks.trie().vocabSize ? masks.trie().bytes[id] : null;
        acceptBytes(bytes, id);
    }

    /** Advances past {@code bytes} (all or part of token {@code id}). */
    void acceptBytes(byte[] bytes, int id) {
        List<Stack> next = bytes == null || bytes.length == 0 ? List.of() : Stacks.advance(stacks, bytes);
        if (next.isEmpty()) {
            throw new IllegalStateException("token id " + id + " cannot continue the constrained output");
        }
        stacks = next;
    }

    private boolean isStop(int id) {
        for (int stop : stopIds) {
            if (stop == id) {
                return true;
            }
        }
        return false;
    }
}
