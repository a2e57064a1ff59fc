package io.lariat.engine;

import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.SpecialTokens;
import java.util.Arrays;
import java.util.Objects;

/**
 * What to generate: the full token list of the conversation so far (the session reuses what it has cached), how to
 * sample, how many tokens at most, and which ids stop generation besides Llama 3's end_of_text, eom and eot.
 *
 * @param promptIds  every id of the sequence, from the first (BOS) on; not empty
 * @param sampling   sampling options
 * @param maxTokens  most ids to generate, at least 1
 * @param extraStops caller-given stop ids, added to {@link #DEFAULT_STOPS}
 * @param constraint restricts the ids that may be sampled (structured output), or null for none
 * @param logprobs   {@link #NO_LOGPROBS}, or how many most likely alternatives (0 to {@link TokenLogprobs#MAX_TOP})
 *                   to report with each sampled id's log-probability through {@link TokenSink#onLogprobs}
 */
public record GenerationRequest(int[] promptIds, SamplingOptions sampling, int maxTokens, int[] extraStops,
                                TokenConstraint constraint, int logprobs) {
    /** {@link #logprobs()} value for "report no log-probabilities". */
    public static final int NO_LOGPROBS = -1;

    /** Stop ids that always apply: end_of_text 128001, eom 128008, eot 128009. */
    public static final int[] DEFAULT_STOPS = {SpecialTokens.END_OF_TEXT, SpecialTokens.EOM, SpecialTokens.EOT};

    /** Validates and copies. */
    public GenerationRequest {
        Objects.requireNonNull(sampling, "sampling");
        if (promptIds == null || promptIds.length == 0) {
            throw new IllegalArgumentException("promptIds must hold at least one id");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        if (logprobs < NO_LOGPROBS || logprobs > TokenLogprobs.MAX_TOP) {
            throw new IllegalArgumentException("logprobs must be " + NO_LOGPROBS + " (none) or within 0.."
                    + TokenLogprobs.MAX_TOP + ", got " + logprobs);
        }
        promptIds = promptIds.clone();
        extraStops = extraStops.clone();
    }

    /** A request without log-probabilities. */
    public GenerationRequest(int[] promptIds, SamplingOptions sampling, int maxTokens, int[] extraStops,
                             TokenConstraint constraint) {
        this(promptIds, sampling, maxTokens, extraStops, constraint, NO_LOGPROBS);
    }

    /** A builder for the given full token list; greedy sampling and 512 tokens unless set. */
    public static Builder builder(int[] promptIds) {
        return new Builder(promptIds);
    }

    /** A copy of the prompt ids. */
    @Override
    public int[] promptIds() {
        return promptIds.clone();
    }

    /** A copy of the caller-given stop ids. */
    @Override
    public int[] extraStops() {
        return extraStops.clone();
    }

    /** Whether {@code id} ends generation. */
    public boolean isStop(int id) {
        return SpecialTokens.isStop(id) || Arrays.stream(extraStops).anyMatch(stop -> stop == id);
    }

    /** Builder of {@link GenerationRequest}. */
    public static final class Builder {
        private final int[] promptIds;
        private SamplingOptions sampling = SamplingOptions.greedy();
        private int maxTokens = 512;
        private int[] extraStops = new int[0];
        private TokenConstraint constraint;
        private int logprobs = NO_LOGPROBS;

        private Builder(int[] promptIds) {
            this.promptIds = promptIds;
        }

        /** See {@link GenerationRequest#sampling()}. */
        public Builder sampling(SamplingOptions value) {
            sampling = value;
            return this;
        }

        /** See {@link GenerationRequest#maxTokens()}. */
        public Builder maxTokens(int value) {
            maxTokens = value;
            return this;
        }

        /** See {@link GenerationRequest#extraStops()}. */
        public Builder extraStops(int... values) {
            extraStops = values;
            return this;
        }

        /** See {@link GenerationRequest#constraint()}. */
        public Builder constraint(TokenConstraint value) {
            constraint = value;
            return this;
        }

        /** See {@link GenerationRequest#logprobs()}. */
        public Builder logprobs(int value) {
            logprobs = value;
            return this;
        }

        /** The request; throws {@link IllegalArgumentException} for invalid values. */
        public GenerationRequest build() {
            return new GenerationRequest(promptIds, sampling, maxTokens, extraStops, constraint, logprobs);
        }
    }
}
