package io.lariat.engine.train;

/**
 * How a training run proceeds: steps, batch, AdamW hyper-parameters, schedule, seed and parallelism.
 *
 * <p>Immutable; build with {@link #builder()}. The learning rate warms up linearly over {@code warmupSteps} to
 * {@code peakLearningRate}, then follows a cosine down to {@code minLearningRate} at {@code steps}. The result
 * depends on {@code seed} and {@code shards} but not on {@code threads}: each shard accumulates its sequences in a
 * fixed order and shards are summed in a fixed order.
 *
 * @param steps            optimizer steps in the whole run
 * @param batchSize        sequences per step
 * @param peakLearningRate learning rate after warm-up
 * @param minLearningRate  learning rate at the last step
 * @param warmupSteps      linear warm-up length
 * @param weightDecay      AdamW decoupled weight decay, applied to matrices only
 * @param beta1            AdamW first-moment decay
 * @param beta2            AdamW second-moment decay
 * @param gradientClip     maximum global gradient norm
 * @param seed             seed for weights and batch order
 * @param threads          worker threads
 * @param shards           gradient accumulation shards (fixed for reproducibility)
 * @param maxPositions     longest sequence accepted
 */
public record TrainOptions(int steps, int batchSize, float peakLearningRate, float minLearningRate, int warmupSteps,
                           float weightDecay, float beta1, float beta2, float gradientClip, long seed, int threads,
                           int shards, int maxPositions) {

    public TrainOptions {
        if (steps <= 0 || batchSize <= 0 || warmupSteps < 0 || threads <= 0 || shards <= 0 || maxPositions <= 1) {
            throw new IllegalArgumentException("invalid training options (steps, batch, threads and shards must be "
                    + "positive, warm-up not negative, positions at least 2): steps " + steps + ", batch " + batchSize
                    + ", warm-up " + warmupSteps + ", threads " + threads + ", shards " + shards + ", positions "
                    + maxPositions);
        }
    }

    /** A builder with the demo model's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Learning rate at a 0-based step. */
    public float learningRate(int step) {
        if (step < warmupSteps) {
            return peakLearningRate * (step + 1) / warmupSteps;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, steps - warmupSteps));
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return (float) (minLearningRate + (peakLearningRate - minLearningRate) * cosine);
    }

    /** Builder for {@link TrainOptions}; not thread-safe. */
    public static final class Builder {
        private int steps = 1200;
        private int batchSize = 32;
        private float peakLearningRate = 3e-3f;
        private float minLearningRate = 3e-4f;
        private int warmupSteps = 60;
        private float weightDecay = 0.01f;
        private float beta1 = 0.9f;
        private float beta2 = 0.95f;
        private float gradientClip = 1f;
        private long seed = 1;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int shards = 4;
        private int maxPositions = 1024;

        public Builder steps(int v) {
            steps = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder learningRate(float peak, float min) {
            peakLearningRate = peak;
            minLearningRate = min;
            return this;
        }

        public Builder warmupSteps(int v) {
            warmupSteps = v;
            return this;
        }

        public Builder weightDecay(float v) {
            weightDecay = v;
            return this;
        }

        public Builder betas(float b1, float b2) {
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        public Builder gradientClip(float v) {
            gradientClip = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder shards(int v) {
            shards = v;
            return this;
        }

        public Builder maxPositions(int v) {
            maxPositions = v;
            return this;
        }

        public TrainOptions build() {
            return new TrainOptions(steps, batchSize, peakLearningRate, minLearningRate, warmupSteps, weightDecay,
                    beta1, beta2, gradientClip, seed, threads, shards, maxPositions);
        }
    }
}
