package io.lariat.engine.train;

import java.util.Arrays;

/**
 * One training sequence: token ids and which of them the loss is taken on.
 *
 * <p>{@code target[i]} means token {@code i} is predicted from tokens {@code 0..i-1} and counts in the loss
 * (assistant tokens); {@code target[0]} is always false. Arrays are copied; immutable.
 *
 * @param tokens full-vocabulary token ids
 * @param target per token, whether it is a loss target
 */
public record TrainingExample(int[] tokens, boolean[] target) {

    public TrainingExample {
        if (tokens.length < 2 || tokens.length != target.length) {
            throw new IllegalArgumentException("need at least 2 tokens and one flag per token, got "
                    + tokens.length + " tokens and " + target.length + " flags");
        }
        if (target[0]) {
            throw new IllegalArgumentException("the first token cannot be a target");
        }
        tokens = tokens.clone();
        target = target.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    @Override
    public boolean[] target() {
        return target.clone();
    }

    int length() {
        return tokens.length;
    }

    int token(int i) {
        return tokens[i];
    }

    boolean isTarget(int i) {
        return target[i];
    }

    /** Number of loss targets. */
    public int targetCount() {
        int n = 0;
        for (boolean t : target) {
            n += t ? 1 : 0;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingExample e && Arrays.equals(tokens, e.tokens) && Arrays.equals(target, e.target);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokens) + Arrays.hashCode(target);
    }

    @Override
    public String toString() {
        return "TrainingExample[" + tokens.length + " tokens, " + targetCount() + " targets]";
    }
}
