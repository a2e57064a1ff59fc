package io.lariat.prompts.grammar;

import java.util.List;

/** The automaton's transition function over sets of stacks (nondeterminism comes from anyOf and enums). */
final class Stacks {
    private Stacks() {
    }

    /** Consumes {@code b} on {@code stack}: by its top frame, or by the frames below once the top may end. */
    static void step(Stack stack, int b, Steps out) {
        Frame top = stack.top();
        if (top instanceof StringFrame string) {
            // the hot path of every mask walk: most bytes leave a string's state unchanged, so keep the same stack
            if (string.closes(b)) {
                out.add(stack.rest());
                return;
            }
            StringFrame next = string.advance(b);
            if (next != null) {
                out.add(next == string ? stack : new Stack(next, stack.rest()));
            }
            return;
        }
        top.step(b, stack.rest(), out);
        if (top.canEnd()) {
            step(stack.rest(), b, out);
        }
    }

    /** The stacks after {@code bytes}, from {@code from}; empty when the bytes cannot continue any of them. */
    static List<Stack> advance(List<Stack> from, byte[] bytes) {
        List<Stack> current = from;
        for (byte value : bytes) {
            Steps out = new Steps();
            for (Stack stack : current) {
                step(stack, value & 0xFF, out);
            }
            if (out.stacks.isEmpty()) {
                return List.of();
            }
            current = out.stacks;
        }
        return current;
    }

    /** Whether the output may end at {@code stack}: it is complete, or every open frame may end here. */
    static boolean accepting(Stack stack) {
        Stack s = stack;
        while (s.top() instanceof Frame.End == false) {
            if (!s.top().canEnd()) {
                return false;
            }
            s = s.rest();
        }
        return true;
    }

    /** Whether any of the stacks may end here. */
    static boolean accepting(List<Stack> stacks) {
        for (Stack stack : stacks) {
            if (accepting(stack)) {
                return true;
            }
        }
        return false;
    }
}
