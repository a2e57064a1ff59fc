package io.lariat.prompts.grammar;

import io.lariat.prompts.grammar.SchemaRule.ObjectRule;

/**
 * Inside an object key, after its opening quote. Keys are matched byte by byte against the property names not yet
 * written; when the object allows other keys, a free string runs beside the match and a key that is no property
 * name takes the additional-properties rule.
 *
 * @param rule       the object's rule
 * @param seen       properties already written
 * @param pos        bytes of the key read so far (0 once no name matches any more, so equal positions compare equal)
 * @param candidates properties whose escaped name starts with the bytes read
 * @param free       the free-string state when other keys are allowed, else null
 */
record KeyFrame(ObjectRule rule, long seen, int pos, long candidates, StringFrame free) implements Frame {
    private static final SchemaRule.StringRule ANY_KEY = new SchemaRule.StringRule(0, SchemaRule.UNBOUNDED);

    static KeyFrame start(ObjectRule rule, long seen) {
        boolean open = rule.data.additional() != null;
        // with other keys allowed, written names stay candidates so that a duplicate is recognised and refused
        return new KeyFrame(rule, seen, 0, open ? rule.all : rule.all & ~seen,
                open ? new StringFrame(ANY_KEY, 0, 0, 0) : null);
    }

    @Override
    public void step(int b, Stack rest, Steps out) {
        long next = 0;
        int completed = -1;
        byte[][] keys = rule.data.keyBytes();
        for (long c = candidates; c != 0; c &= c - 1) {
            int i = Long.numberOfTrailingZeros(c);
            if (pos < keys[i].length && (keys[i][pos] & 0xFF) == b) {
                if (pos + 1 == keys[i].length) {
                    completed = i;
                } else {
                    next |= 1L << i;
                }
            }
        }
        if (completed >= 0 && (seen & 1L << completed) == 0) {
            out.add(new Stack(new ObjectFrame(rule, seen, ObjectFrame.KEY_DONE, completed, 0), rest));
        }
        if (free != null && free.closes(b)) {
            if (completed < 0) {
                out.add(new Stack(new ObjectFrame(rule, seen, ObjectFrame.KEY_DONE, -1, 0), rest));
            }
            return;
        }
        StringFrame freeNext = free == null ? null : free.advance(b);
        if (next != 0 || freeNext != null) {
            out.add(new Stack(new KeyFrame(rule, seen, next == 0 ? 0 : pos + 1, next, freeNext), rest));
        }
    }

    @Override
    public boolean canEnd() {
        return false;
    }
}
