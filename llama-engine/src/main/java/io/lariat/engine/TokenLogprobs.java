package io.lariat.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The log-probability of one sampled id and of the most likely ids at its position, as OpenAI's and Ollama's
 * {@code logprobs} report them: the natural-log softmax of the model's raw logits (temperature 1, before the
 * repetition penalty, top-k/top-p/min-p and any token constraint), so the figures describe the model, not the
 * sampling settings of one request. Immutable.
 *
 * @param tokenId the sampled id
 * @param logprob its log-probability, at most 0
 * @param top     the {@code k} most likely ids of the position, most likely first (lower id first among equals);
 *                may or may not include {@code tokenId}
 */
public record TokenLogprobs(int tokenId, float logprob, List<Alternative> top) {
    /** The most alternatives a request may ask for per position (OpenAI's and Ollama's limit). */
    public static final int MAX_TOP = 20;

    /** Copies the list. */
    public TokenLogprobs {
        top = List.copyOf(top);
    }

    /**
     * One likely id of a position.
     *
     * @param id      token id
     * @param logprob its log-probability, at most 0
     */
    public record Alternative(int id, float logprob) {
    }

    /**
     * The log-probabilities of {@code tokenId} and of the {@code k} most likely ids, from raw logits.
     *
     * @param logits one logit per vocabulary id; not modified
     * @param k      alternatives to report, 0 to {@link #MAX_TOP}
     */
    public static TokenLogprobs of(float[] logits, int tokenId, int k) {
        if (k < 0 || k > MAX_TOP) {
            throw new IllegalArgumentException("alternatives must be within 0.." + MAX_TOP + ": " + k);
        }
        double logSum = logSumExp(logits);
        List<Alternative> top = new ArrayList<>(k);
        for (TokenLogit entry : k == 0 ? List.<TokenLogit>of() : TopLogits.of(logits, k)) {
            top.add(new Alternative(entry.id(), (float) (entry.logit() - logSum)));
        }
        return new TokenLogprobs(tokenId, (float) (logits[tokenId] - logSum), top);
    }

    // log(sum(exp(x))) shifted by the maximum, so no exp overflows
    private static double logSumExp(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (float logit : logits) {
            sum += Math.exp(logit - max);
        }
        return max + Math.log(sum);
    }
}
