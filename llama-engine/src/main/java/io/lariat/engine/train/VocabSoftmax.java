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
        float targetLogit = logits[off + target];
        float max = VectorMath.max(logits, off, n, extraLogit);
        float sum = VectorMath.expAndSum(logits, off, n, 1f, max) + (float) Math.exp(extraLogit - max);
        double lse = max + Math.log(sum);
        VectorMath.scale(logits, off, n, scale / sum);
        logits[off + target] -= scale;
        return lse - targetLogit;
    }

    /** {@code ln(e^extra + Σ_j e^logits[j])}, stable; leaves the logits unchanged. */
    static double logSumExp(float[] logits, int off, int n, float extraLogit) {
        float max = VectorMath.max(logits, off, n, extraLogit);
        double sum = Math.exp(extraLogit - max);
        for (int j = 0; j < n; j++) {
            sum += Math.exp(logits[off + j] - max);
        }
        return max + Math.log(sum);
    }
}
