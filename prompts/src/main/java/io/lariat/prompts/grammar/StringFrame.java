package io.lariat.prompts.grammar;

import io.lariat.prompts.grammar.SchemaRule.StringRule;

/**
 * Inside a JSON string, after its opening quote: well-formed UTF-8 (RFC 3629 ranges, so no overlong forms or
 * surrogates), the JSON escapes, no raw control characters, and a length in code points within the rule's bounds.
 * {@code \}{@code u} escapes of surrogates are refused: astral characters are written as raw UTF-8.
 *
 * @param rule  the string's rule
 * @param count code points written (0 when the rule has no bounds; capped at the bound that matters)
 * @param esc   0 outside an escape, 1 after a backslash, 2 to 5 while 1 to 4 hex digits of a u-escape remain
 * @param utf   0 at a character boundary, else (continuation bytes left) << 4 | range code of the next byte
 */
record StringFrame(StringRule rule, int count, int esc, int utf) implements Frame {
    private static final String ESCAPES = "\"\\/bfnrt";

    @Override
    public void step(int b, Stack rest, Steps out) {
        if (closes(b)) {
            out.add(rest);
            return;
        }
        StringFrame next = advance(b);
        if (next != null) {
            out.add(new Stack(next, rest));
        }
    }

    @Override
    public boolean canEnd() {
        return false;
    }

    /** Whether {@code b} is the closing quote here. */
    boolean closes(int b) {
        return b == '"' && esc == 0 && utf == 0 && count >= rule.min;
    }

    /** The state after {@code b} inside the string, or null when {@code b} cannot come here (or closes it). */
    StringFrame advance(int b) {
        if (utf != 0) {
            return continuation(b);
        }
        if (esc == 1) {
            return b == 'u' ? with(count, 5, 0) : ESCAPES.indexOf(b) >= 0 ? with(count, 0, 0) : null;
        }
        if (esc > 1) {
            boolean surrogate = esc == 5 && (b == 'd' || b == 'D');
            return hex(b) && !surrogate ? with(count, esc == 2 ? 0 : esc - 1, 0) : null;
        }
        if (b == '"' || b < 0x20 || (rule.max != SchemaRule.UNBOUNDED && count >= rule.max)) {
            return null;
        }
        int counted = !rule.counts() ? 0 : Math.min(count + 1, rule.max == SchemaRule.UNBOUNDED ? rule.min : rule.max);
        if (b == '\\') {
            return with(counted, 1, 0);
        }
        if (b < 0x80) {
            return with(counted, 0, 0);
        }
        int lead = leadState(b);
        return lead == 0 ? null : with(counted, 0, lead);
    }

    private StringFrame continuation(int b) {
        int lo = 0x80;
        int hi = 0xBF;
        switch (utf & 0xF) {
            case 1 -> lo = 0xA0;
            case 2 -> hi = 0x9F;
            case 3 -> lo = 0x90;
            case 4 -> hi = 0x8F;
            default -> {
            }
        }
        if (b < lo || b > hi) {
            return null;
        }
        int left = (utf >> 4) - 1;
        return with(count, 0, left == 0 ? 0 : left << 4);
    }

    /** The UTF-8 state after lead byte {@code b}, or 0 when {@code b} cannot start a character (RFC 3629 §4). */
    private static int leadState(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            return 1 << 4;
        }
        if (b == 0xE0) {
            return 2 << 4 | 1;
        }
        if (b == 0xED) {
            return 2 << 4 | 2;
        }
        if (b >= 0xE1 && b <= 0xEF) {
            return 2 << 4;
        }
        if (b == 0xF0) {
            return 3 << 4 | 3;
        }
        if (b == 0xF4) {
            return 3 << 4 | 4;
        }
        return b >= 0xF1 && b <= 0xF3 ? 3 << 4 : 0;
    }

    private static boolean hex(int b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private StringFrame with(int newCount, int newEsc, int newUtf) {
        if (newCount == count && newEsc == esc && newUtf == utf) {
            return this;
        }
        return new StringFrame(rule, newCount, newEsc, newUtf);
    }
}
