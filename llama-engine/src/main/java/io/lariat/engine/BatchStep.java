package io.lariat.engine;

import io.lariat.engine.model.Activations;
import io.lariat.engine.model.BatchPlan;
import io.lariat.engine.model.KvCache;
import io.lariat.engine.model.LlamaModel;
import java.util.ArrayList;
import java.util.List;

/**
 * One continuous-batching step over several generations: each decoding generation samples its next id, prefilling
 * ones contribute chunks of their prompts, one forward pass evaluates them all, and one pass over the output matrix
 * gives the logits each of them needs next. A failure of one generation's sink ends only that generation; a failure
 * of the forward pass ends the generations that took part in it.
 */
final class BatchStep {
    private static final int BLOCK = KvCache.BLOCK_TOKENS;
    private final LlamaModel model;
    private final BatchPlan plan;
    private final List<Generation> planned = new ArrayList<>();
    private Activations act;
    /** The logits rows of the generations that need them, reused from step to step (a row is 0.5 MB at 128K ids). */
    private float[] rows = new float[0];

    /** A reusable step of up to {@code capacity} ids; not thread-safe, one step at a time. */
    BatchStep(LlamaModel model, int capacity) {
        this.model = model;
        this.plan = new BatchPlan(capacity);
    }

    /**
     * Runs the step in {@code activations} (of at least the plan's capacity); {@code tokenBudget} caps the prompt
     * ids of the pass (decode ids always fit).
     */
    void run(Activations activations, List<Generation> generations, int tokenBudget) {
        act = activations;
        try {
            plan(generations, tokenBudget);
            if (plan.size() > 0) {
                forward();
            }
        } finally {
            plan.clear();
            planned.clear();
            act = null;
        }
    }

    private void plan(List<Generation> generations, int tokenBudget) {
        for (Generation g : generations) {
            if (g.decoding() && plan.remaining() > 0) {
                try {
                    if (g.planNext(plan)) {
                        planned.add(g);
                    }
                } catch (RuntimeException e) {
                    g.fail(e);
                }
            }
        }
        // prompt chunks share what the decode ids left of the budget, at least one id so a prompt always advances
        int room = Math.min(plan.remaining(), Math.max(1, tokenBudget - plan.size()));
        for (int i = 0; i < generations.size() && room > 0; i++) {
            Generation g = generations.get(i);
            if (g.prefilling() && adopted(g) && !waitsForShared(generations, i)) {
                room -= g.planPrompt(plan, room);
                planned.add(g);
            }
        }
    }

    /** Takes the shared blocks {@code g} can; false when that failed (no memory for a copy), which ends only it. */
    private static boolean adopted(Generation g) {
        try {
            g.adoptShared();
            return true;
        } catch (RuntimeException e) {
            g.fail(e);
            return false;
        }
    }

    /**
     * Whether prefilling generation {@code i} should skip this step because another prefilling generation ahead of
     * it (further into its prompt, or as far and earlier in the list) is still evaluating whole blocks that both
     * prompts share: once they are sealed, {@link Generation#adoptShared} takes them instead of evaluating them a
     * second time. Four agents that start together on one system prompt thus evaluate it once. The generation
     * furthest ahead never waits, so every step advances some prompt.
     */
    private static boolean waitsForShared(List<Generation> generations, int i) {
        Generation g = generations.get(i);
        int done = g.promptDone();
        for (int j = 0; j < generations.size(); j++) {
            Generation other = generations.get(j);
            if (j == i || !other.prefilling()) {
                continue;
            }
            int ahead = other.promptDone();
            if (ahead < done || ahead == done && j > i) {
                continue;
            }
            int shared = TokenIds.commonPrefix(other.prompt(), g.prompt()) / BLOCK * BLOCK;
            if (ahead < shared) {
                return true;
            }
        }
        return false;
    }

    private void forward() {
        try {
            model.evaluate(plan, act);
        } catch (RuntimeException e) {
            planned.forEach(g -> g.fail(e));
            return;
        }
        int[] entries = new int[planned.size()];
        List<Generation> needing = new ArrayList<>(planned.size());
        for (Generation g : planned) {
            int entry = g.commit();
            if (entry >= 0) {
                entries[needing.size()] = entry;
                needing.add(g);
            }
        }
        if (needing.isEmpty()) {
            return;
        }
        int vocab = model.config().vocabSize();
        if (rows.length < needing.size() * vocab) {
            rows = new float[needing.size() * vocab];
        }
        try {
            model.logits(act, entries, needing.size(), rows);
        } catch (RuntimeException e) {
            needing.forEach(g -> g.fail(e));
            return;
        }
        for (int i = 0; i < needing.size(); i++) {
            needing.get(i).acceptLogits(rows, i * vocab);
        }
    }
}
