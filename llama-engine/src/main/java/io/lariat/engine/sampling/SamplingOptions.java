package io.lariat.engine.sampling;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How the next token is chosen from the logits, with llama.cpp's semantics and filter order: repetition penalty,
 * top-k, top-p, min-p, then temperature and a seeded draw.
 *
 * @param temperature   divides the logits before the draw; {@code 0} (or less) means greedy argmax
 * @param topK          keep the k most likely tokens; {@code 0} disables
 * @param topP          keep the smallest set whose probability reaches p; {@code 1} disables
 * @param minP          drop tokens less likely than minP times the most likely one; {@code 0} disables
 * @param repeatPenalty divides positive (multiplies negative) logits of recently seen tokens; {@code 1} disables
 * @param repeatLastN   how many of the most recent tokens the penalty looks at; {@code 0} disables
 * @param seed          seed of the random draw: the same seed, logits and options give the same tokens
 */
public record SamplingOptions(float temperature, int topK, float topP, float minP, float repeatPenalty,
                              int repeatLastN, long seed) {

    /** Validates the ranges. */
    public SamplingOptions {
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
        if (!(minP >= 0 && minP < 1)) {
            throw new IllegalArgumentException("minP must be in [0, 1), got " + minP);
        }
        if (topK < 0 || repeatLastN < 0) {
            throw new IllegalArgumentException("topK and repeatLastN must not be negative");
        }
        if (!(repeatPenalty > 0) || Float.isNaN(temperature)) {
            throw new IllegalArgumentException("repeatPenalty must be positive and temperature a number");
        }
    }

    /** Greedy decoding: always the most likely token, no penalty. */
    public static SamplingOptions greedy() {
        return builder().temperature(0).build();
    }

    /** A builder with llama.cpp's defaults (temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, no penalty). */
    public static Builder builder() {
        return new Builder();
    }

    /** True when the draw is the argmax. */
    public boolean isGreedy() {
        return temperature <= 0;
    }

    /** Builder of {@link SamplingOptions}; the seed defaults to a random one. */
    public static final class Builder {
        private float temperature = 0.8f;
        private int topK = 40;
        private float topP = 0.95f;
        private float minP = 0.05f;
        private float repeatPenalty = 1.0f;
        private int repeatLastN = 64;
        private long seed = ThreadLocalRandom.current().nextLong();

        private Builder() {
        }

        /** See {@link SamplingOptions#temperature()}. */
        public Builder temperature(float value) {
            temperature = value;
            return this;
        }

        /** See {@link SamplingOptions#topK()}. */
        public Builder topK(int value) {
            topK = value;
            return this;
        }

        /** See {@link SamplingOptions#topP()}. */
        public Builder topP(float value) {
            topP = value;
            return this;
        }

        /** See {@link SamplingOptions#minP()}. */
        public Builder minP(float value) {
            minP = value;
            return this;
        }

        /** See {@link SamplingOptions#repeatPenalty()}. */
        public Builder repeatPenalty(float value) {
            repeatPenalty = value;
            return this;
        }

        /** See {@link SamplingOptions#repeatLastN()}. */
        public Builder repeatLastN(int value) {
            repeatLastN = value;
            return this;
        }

        /** See {@link SamplingOptions#seed()}. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** The options; throws {@link IllegalArgumentException} for out-of-range values. */
        public SamplingOptions build() {
            return new SamplingOptions(temperature, topK, topP, minP, repeatPenalty, repeatLastN, seed);
        }
    }
}
