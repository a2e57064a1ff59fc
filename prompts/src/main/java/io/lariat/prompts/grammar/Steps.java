package io.lariat.prompts.grammar;

import java.util.ArrayList;
import java.util.List;

/** The stacks reached by one byte, without duplicates, and whether the byte reached into a {@link Frame.Hole}. */
final class Steps {
    final List<Stack> stacks = new ArrayList<>(2);
    boolean spilled;

    void clear() {
        stacks.clear();
        spilled = false;
    }

    void add(Stack stack) {
        // identity first: the common single-stack case needs no deep comparison
        for (int i = 0; i < stacks.size(); i++) {
            if (stacks.get(i) == stack) {
                return;
            }
        }
        if (!stacks.contains(stack)) {
            stacks.add(stack);
        }
    }
}
