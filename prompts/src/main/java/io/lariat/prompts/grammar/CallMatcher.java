package io.lariat.prompts.grammar;

import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.SpecialTokens;

import java.util.Arrays;

/** The state of one turn under a {@link ToolCallConstraint}. Not thread-safe. */
final class CallMatcher implements TokenConstraint.Matcher {
    private enum Mode { LEADING, TEXT, CALL, CODE }

    private final ToolCallConstraint constraint;
    private Mode mode = Mode.LEADING;
    private TokenConstraint.Matcher call;

    CallMatcher(ToolCallConstraint constraint) {
        this.constraint = constraint;
    }

    @Override
    public void mask(float[] logits) {
        switch (mode) {
            case CALL -> call.mask(logits);
            case LEADING -> {
                long[] leading = constraint.leadingMask();
                for (int id = 0; id < logits.length; id++) {
                    boolean ordinary = id < constraint.tokenizer().vocabSize()
                            && !constraint.tokenizer().isSpecial(id);
                    boolean allowed = ordinary ? (leading[id >>> 6] & 1L << id) != 0 : textAllows(id);
                    if (!allowed) {
                        logits[id] = Float.NEGATIVE_INFINITY;
                    }
                }
            }
            case TEXT, CODE -> {
                for (int id = 0; id < logits.length; id++) {
                    if (!textAllows(id)) {
                        logits[id] = Float.NEGATIVE_INFINITY;
                    }
                }
            }
        }
    }

    private boolean textAllows(int id) {
        if (id >= constraint.tokenizer().vocabSize()) {
            return false;
        }
        return mode == Mode.CODE && id == SpecialTokens.PYTHON_TAG ? false : constraint.textAllows(id);
    }

    @Override
    public void accept(int id) {
        if (mode == Mode.CALL) {
            call.accept(id);
            return;
        }
        if (id == SpecialTokens.PYTHON_TAG && mode != Mode.CODE) {
            startTagged();
            return;
        }
        if (mode == Mode.LEADING && !constraint.tokenizer().isSpecial(id)) {
            byte[] bytes = constraint.tokenizer().tokenBytes(id);
            int first = ToolCallConstraint.firstNonWhitespace(bytes);
            if (first < bytes.length && bytes[first] == '{') {
                GrammarMatcher json = constraint.json().matcher(constraint.tokenizer(), constraint.stops());
                // the JSON automaton reads the call from its brace; the whitespace before it stays text
                json.acceptBytes(Arrays.copyOfRange(bytes, first, bytes.length), id);
                call = json;
                mode = Mode.CALL;
                return;
            }
            mode = first == bytes.length ? Mode.LEADING : Mode.TEXT;
        }
    }

    private void startTagged() {
        if (constraint.freeCode() || constraint.tagged() == null) {
            mode = Mode.CODE;
            return;
        }
        call = constraint.tagged().matcher(constraint.tokenizer(), constraint.stops());
        mode = Mode.CALL;
    }
}
