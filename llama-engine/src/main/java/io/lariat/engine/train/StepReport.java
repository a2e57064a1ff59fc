package io.lariat.engine.train;

/**
 * What one optimizer step did.
 *
 * @param step          0-based step index
 * @param loss          mean cross-entropy (nats) over the batch's target tokens
 * @param learningRate  learning rate applied
 * @param gradientNorm  global gradient norm before clipping
 * @param tokens        positions processed (forward and backward)
 * @param seconds       wall time of the step
 */
public record StepReport(int step, double loss, float learningRate, double gradientNorm, long tokens,
                         double seconds) {
}
