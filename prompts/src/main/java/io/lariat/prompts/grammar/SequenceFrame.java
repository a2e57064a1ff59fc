package io.lariat.prompts.grammar;

import io.lariat.prompts.grammar.SchemaRule.SequenceRule;

/** Before part {@code next} of a sequence; the parts after it wait below on the stack. */
record SequenceFrame(SequenceRule rule, int next) implements Frame {

    @Override
    public void step(int b, Stack rest, Steps out) {
        Stack after = next + 1 == rule.parts.length ? rest : new Stack(new SequenceFrame(rule, next + 1), rest);
        Frame.startValue(rule.parts[next], b, after, out);
    }

    @Override
    public boolean canEnd() {
        return false;
    }
}
