package io.lariat.prompts.grammar;

import io.lariat.prompts.grammar.SchemaRule.ArrayRule;

/**
 * Inside an array, between its elements.
 *
 * @param rule  the array's rule
 * @param count elements written (kept at 0 when the rule has no bounds, so equal positions compare equal)
 * @param phase {@link #OPEN} after the bracket, {@link #COMMA}, {@link #VALUE_DONE} after an element
 * @param ws    whitespace state ({@link Frame#whitespace})
 */
record ArrayFrame(ArrayRule rule, int count, int phase, int ws) implements Frame {
    static final int OPEN = 0;
    static final int COMMA = 1;
    static final int VALUE_DONE = 2;

    static ArrayFrame open(ArrayRule rule) {
        return new ArrayFrame(rule, 0, OPEN, 0);
    }

    @Override
    public void step(int b, Stack rest, Steps out) {
        int next = Frame.whitespace(ws, b);
        if (next >= 0) {
            out.add(new Stack(new ArrayFrame(rule, count, phase, next), rest));
        }
        boolean counted = rule.min > 0 || rule.max != SchemaRule.UNBOUNDED;
        switch (phase) {
            case OPEN, COMMA -> {
                if (phase == OPEN && b == ']' && rule.min == 0) {
                    out.add(rest);
                } else if (phase == COMMA || rule.max > 0) {
                    int written = counted ? count + 1 : 0;
                    Frame.startValue(rule.items, b, new Stack(new ArrayFrame(rule, written, VALUE_DONE, 0), rest),
                            out);
                }
            }
            default -> {
                if (b == ',' && (!counted || count < rule.max)) {
                    out.add(new Stack(new ArrayFrame(rule, count, COMMA, 0), rest));
                } else if (b == ']' && count >= rule.min) {
                    out.add(rest);
                }
            }
        }
    }

    @Override
    public boolean canEnd() {
        return false;
    }
}
