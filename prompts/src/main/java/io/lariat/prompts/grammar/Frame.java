package io.lariat.prompts.grammar;

import io.lariat.prompts.grammar.SchemaRule.ArrayRule;
import io.lariat.prompts.grammar.SchemaRule.ChoiceRule;
import io.lariat.prompts.grammar.SchemaRule.LiteralRule;
import io.lariat.prompts.grammar.SchemaRule.NumberRule;
import io.lariat.prompts.grammar.SchemaRule.ObjectRule;
import io.lariat.prompts.grammar.SchemaRule.RefRule;
import io.lariat.prompts.grammar.SchemaRule.SequenceRule;
import io.lariat.prompts.grammar.SchemaRule.StringRule;

/**
 * The top of one automaton stack: where the output is inside one JSON value. Frames are immutable records, so equal
 * positions are equal objects and their token masks can be cached.
 */
sealed interface Frame permits Frame.End, Frame.Hole, ValueFrame, ObjectFrame, KeyFrame, ArrayFrame, StringFrame,
        NumberFrame, LiteralFrame, SequenceFrame {

    /** Whitespace bytes allowed between tokens: one space, or a newline and at most this many spaces or tabs. */
    int MAX_INDENT = 20;

    /**
     * Adds to {@code out} every stack that results from consuming byte {@code b} with this frame on top of
     * {@code rest}. Does not consider ending this frame first; {@link Stacks#step} does.
     */
    void step(int b, Stack rest, Steps out);

    /** Whether this frame's value may end here without consuming anything more (a number such as {@code 12}). */
    boolean canEnd();

    /** The stack bottom: the whole output is complete. Consumes nothing. */
    record End() implements Frame {
        @Override
        public void step(int b, Stack rest, Steps out) {
        }

        @Override
        public boolean canEnd() {
            return false;
        }
    }

    /**
     * Stands for "whatever is below" while a frame's token masks are computed independently of the stack: consuming
     * a byte here makes the token's validity depend on the stack.
     */
    record Hole() implements Frame {
        @Override
        public void step(int b, Stack rest, Steps out) {
            out.spilled = true;
        }

        @Override
        public boolean canEnd() {
            return false;
        }
    }

    /**
     * The whitespace state after byte {@code b}, or -1 when {@code b} may not come here. States: 0 none yet, 1 after
     * a single space (nothing more), 2 + n after a newline and n indent characters.
     */
    static int whitespace(int state, int b) {
        if (state == 0) {
            return b == ' ' ? 1 : b == '\n' ? 2 : -1;
        }
        if (state >= 2 && state < 2 + MAX_INDENT && (b == ' ' || b == '\t')) {
            return state + 1;
        }
        return -1;
    }

    /** Starts a value of {@code rule} with byte {@code b}; the value's frames go on top of {@code rest}. */
    static void startValue(SchemaRule rule, int b, Stack rest, Steps out) {
        switch (rule) {
            case ChoiceRule choice -> {
                for (SchemaRule option : choice.options) {
                    startValue(option, b, rest, out);
                }
            }
            case RefRule ref -> startValue(ref.target, b, rest, out);
            case ObjectRule object -> {
                if (b == '{') {
                    out.add(new Stack(new ObjectFrame(object, 0L, ObjectFrame.OPEN, -1, 0), rest));
                }
            }
            case ArrayRule array -> {
                if (b == '[') {
                    out.add(new Stack(ArrayFrame.open(array), rest));
                }
            }
            case StringRule string -> {
                if (b == '"') {
                    out.add(new Stack(new StringFrame(string, 0, 0, 0), rest));
                }
            }
            case NumberRule number -> NumberFrame.begin(number).step(b, rest, out);
            case LiteralRule literal -> LiteralFrame.start(literal, b, rest, out);
            case SequenceRule sequence -> new SequenceFrame(sequence, 0).step(b, rest, out);
        }
    }
}
