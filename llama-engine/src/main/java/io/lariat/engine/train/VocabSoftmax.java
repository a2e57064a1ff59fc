package io.lariat.engine.train;

/**
 * Cross-entropy over the full vocabulary, computed from the trained rows' logits alone.
 *
 * <p>Untrained tokens have all-zero tied embedding rows, so each of their logits is exactly 0 and together they
 * contribute {@code untrained · e^0 = e^ln(untrained)} to the partition function: one extra logit of value
 * {@code ln(untrained)} makes the softmax over the trained rows equal to the full-vocabulary softmax. Stateless.
 */
final class VocabSoftmax {

    private VocabSoftmax() {
    }

    /**
     * Replaces one row of logits by its loss gradient (softmax minus one-hot, times {@code scale}) and returns the
     * cross-entropy {@code -ln p(target)} under the full vocabulary.
     */
    static double lossAndGradient(float[] logits, int off, int n, int target, float extraLogit, float scale) {
        double lse = logSumExp(logits, off, n, extraLogit);
        double loss = lse - logits[off + target];
        for (int j = 0; j < n; j++) {
            logits[off + j] = (float) Math.exp(logits[off + j] - lse) * scale;
        }
        logits[off + target] -= scale;
        return loss;
    }

    /** {@code ln(e^extra + Σ_j e^logits[j])}, stable. */
    static double logSumExp(float[] logits, int off, int n, float extraLogit) {
        float max = extraLogit;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, logits[off + j]);
        }
        double sum = Math.exp(extraLogit - max);
        for (int j = 0; j < n; j++) {
            sum += Math.exp(logits[off + j] - max);
        }
        return max + Math.log(sum);
    }
}
