package io.lariat.engine.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Chooses token ids from logits according to {@link SamplingOptions}. One sampler serves one generation: its random
 * stream starts at the options' seed, so replaying the same logits gives the same ids.
 *
 * <p>Not thread-safe. {@link #sample} may modify the logits array it is given (penalty, temperature).
 */
public final class Sampler {
    private final SamplingOptions options;
    private final SplittableRandom random;

    /** A sampler whose random stream starts at {@code options.seed()}. */
    public Sampler(SamplingOptions options) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
    }

    /** The options this sampler applies. */
    public SamplingOptions options() {
        return options;
    }

    /**
     * Picks the next token.
     *
     * @param logits        one logit per vocabulary id; modified in place
     * @param history       ids seen so far (prompt and generated), used by the repetition penalty
     * @param historyLength how many leading entries of {@code history} are valid
     */
    public int sample(float[] logits, int[] history, int historyLength) {
        return sample(logits, history, historyLength, null);
    }

    /**
     * Picks the next token among the ids {@code matcher} allows, then accepts it into the matcher: disallowed ids
     * are masked to negative infinity before the penalty, top-k, top-p, min-p and temperature, so these see only the
     * allowed ids, and greedy sampling picks the highest-scoring allowed id.
     *
     * @param logits        one logit per vocabulary id; modified in place
     * @param history       ids seen so far (prompt and generated), used by the repetition penalty
     * @param historyLength how many leading entries of {@code history} are valid
     * @param matcher       the constraint's state for this generation, or null for none
     */
    public int sample(float[] logits, int[] history, int historyLength, TokenConstraint.Matcher matcher) {
        if (matcher != null) {
            matcher.mask(logits);
        }
        int id = choose(logits, history, historyLength);
        if (matcher != null) {
            matcher.accept(id);
        }
        return id;
    }

    private int choose(float[] logits, int[] history, int historyLength) {
        applyRepeatPenalty(logits, history, historyLength);
        if (options.isGreedy()) {
            return argmax(logits);
        }
        Candidates candidates = Candidates.topK(logits, options.topK());
        candidates.softmax(1f);
        candidates.keepTopP(options.topP());
        candidates.keepMinP(options.minP());
        candidates.softmax(options.temperature());
        return candidates.draw(random.nextDouble());
    }

    /** Index of the largest logit (the lowest index among equals). */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    private void applyRepeatPenalty(float[] logits, int[] history, int historyLength) {
        float penalty = options.repeatPenalty();
        if (penalty == 1f || options.repeatLastN() == 0 || historyLength == 0) {
            return;
        }
        int from = Math.max(0, historyLength - options.repeatLastN());
        // Each distinct id is penalised once, however often it repeats (llama.cpp's rule).
        int[] seen = Arrays.copyOfRange(history, from, historyLength);
        Arrays.sort(seen);
        for (int i = 0; i < seen.length; i++) {
            int id = seen[i];
            if ((i > 0 && seen[i - 1] == id) || id < 0 || id >= logits.length) {
                continue;
            }
            logits[id] = logits[id] > 0 ? logits[id] / penalty : logits[id] * penalty;
        }
    }
}
