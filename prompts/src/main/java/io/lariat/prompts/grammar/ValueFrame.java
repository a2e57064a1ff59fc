package io.lariat.prompts.grammar;

/** Before a value of {@code rule}: optional whitespace, then the value's first byte. */
record ValueFrame(SchemaRule rule, int ws) implements Frame {

    @Override
    public void step(int b, Stack rest, Steps out) {
        int next = Frame.whitespace(ws, b);
        if (next >= 0) {
            out.add(new Stack(new ValueFrame(rule, next), rest));
        }
        Frame.startValue(rule, b, rest, out);
    }

    @Override
    public boolean canEnd() {
        return false;
    }
}
