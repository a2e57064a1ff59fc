package io.lariat.prompts.grammar;

import io.lariat.prompts.grammar.SchemaRule.ObjectRule;

/**
 * Inside an object, between its members.
 *
 * @param rule    the object's rule
 * @param seen    bit i set once property i was written (so it is not written twice and required ones are checked)
 * @param phase   {@link #OPEN} after the brace, {@link #COMMA}, {@link #KEY_DONE} before the colon,
 *                {@link #VALUE_DONE} after a member
 * @param pending in {@link #KEY_DONE}: the property whose key was written, -1 for another key
 * @param ws      whitespace state ({@link Frame#whitespace})
 */
record ObjectFrame(ObjectRule rule, long seen, int phase, int pending, int ws) implements Frame {
    static final int OPEN = 0;
    static final int COMMA = 1;
    static final int KEY_DONE = 2;
    static final int VALUE_DONE = 3;

    @Override
    public void step(int b, Stack rest, Steps out) {
        int next = Frame.whitespace(ws, b);
        if (next >= 0) {
            out.add(new Stack(new ObjectFrame(rule, seen, phase, pending, next), rest));
        }
        switch (phase) {
            case OPEN -> {
                if (b == '}' && rule.complete(seen)) {
                    out.add(rest);
                } else if (b == '"' && rule.canAddKey(seen)) {
                    out.add(new Stack(KeyFrame.start(rule, seen), rest));
                }
            }
            case COMMA -> {
                if (b == '"') {
                    out.add(new Stack(KeyFrame.start(rule, seen), rest));
                }
            }
            case KEY_DONE -> {
                if (b == ':') {
                    long written = pending < 0 ? seen : seen | 1L << pending;
                    Stack after = new Stack(new ObjectFrame(rule, written, VALUE_DONE, -1, 0), rest);
                    out.add(new Stack(new ValueFrame(rule.valueRule(pending), 0), after));
                }
            }
            default -> {
                if (b == ',' && rule.canAddKey(seen)) {
                    out.add(new Stack(new ObjectFrame(rule, seen, COMMA, -1, 0), rest));
                } else if (b == '}' && rule.complete(seen)) {
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
