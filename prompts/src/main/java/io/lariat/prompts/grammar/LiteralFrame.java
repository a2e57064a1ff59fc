package io.lariat.prompts.grammar;

import io.lariat.prompts.grammar.SchemaRule.LiteralRule;

/** Inside a fixed byte string: {@code pos} bytes of {@code value} written. The array is the rule's own (identity). */
record LiteralFrame(byte[] value, int pos) implements Frame {

    static void start(LiteralRule rule, int b, Stack rest, Steps out) {
        for (byte[] value : rule.values) {
            new LiteralFrame(value, 0).step(b, rest, out);
        }
    }

    @Override
    public void step(int b, Stack rest, Steps out) {
        if ((value[pos] & 0xFF) != b) {
            return;
        }
        out.add(pos + 1 == value.length ? rest : new Stack(new LiteralFrame(value, pos + 1), rest));
    }

    @Override
    public boolean canEnd() {
        return false;
    }
}
