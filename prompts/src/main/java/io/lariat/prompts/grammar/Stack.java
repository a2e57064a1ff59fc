package io.lariat.prompts.grammar;

/**
 * One automaton stack: the innermost frame and the stack of the enclosing values. Immutable; equal stacks are equal
 * positions in the output.
 */
record Stack(Frame top, Stack rest) {
    /** The complete output. */
    static final Stack END = new Stack(new Frame.End(), null);
    /** The unknown rest of a stack, for stack-independent mask computation. */
    static final Stack HOLE = new Stack(new Frame.Hole(), null);
}
