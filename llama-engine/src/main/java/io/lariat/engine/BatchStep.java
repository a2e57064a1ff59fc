package io.lariat.engine;

import io.lariat.engine.model.Activations;
import io.lariat.engine.model.BatchPlan;
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
    private final LlamaModel model;
    private final Activations act;
    private final BatchPlan plan;
    private final List<Generation> planned = new ArrayList<>();

    BatchStep(LlamaModel model, Activations act) {
        this.model = model;
        this.act = act;
        this.plan = new BatchPlan(act.capacity());
    }

    /** Runs the step; {@code tokenBudget} caps the prompt ids of the pass (decode ids always fit). */
    void run(List<Generation> generations, int tokenBudget) {
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
        for (Generation g : generations) {
            if (room > 0 && g.prefilling()) {
                room -= g.planPrompt(plan, room);
                planned.add(g);
            }
        }
        if (plan.size() > 0) {
            forward();
        }
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
        float[] rows = new float[needing.size() * vocab];
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
