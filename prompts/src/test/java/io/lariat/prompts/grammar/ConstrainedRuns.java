package io.lariat.prompts.grammar;

import io.lariat.engine.sampling.Sampler;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.Tokenizer;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Constrained generation over random logits (a stand-in model whose every token is plausible), through the engine's
 * real {@link Sampler}: what a random-weight model does to a constraint, without a forward pass.
 */
final class ConstrainedRuns {

    private ConstrainedRuns() {
    }

    /** The run's output and whether it ended with the stop id. */
    record Run(String text, boolean stopped, int tokens) {
    }

    /** Tokens that close strings, objects and arrays, and separate members. */
    private static int[] closingIds(Tokenizer tokenizer) {
        return java.util.stream.Stream.of("\"", "}", "]", "\"}", "\",", "\":", ",", ":", "\"]")
                .mapToInt(text -> tokenizer.encode(text)[0]).toArray();
    }

    /** The end-of-turn id of {@code tokenizer}, the stop id of these runs. */
    static int eot(Tokenizer tokenizer) {
        return tokenizer.specialId("<|eot_id|>");
    }

    static Run run(TokenConstraint constraint, Tokenizer tokenizer, long seed, int maxTokens) {
        int eot = eot(tokenizer);
        int[] closing = closingIds(tokenizer);
        SplittableRandom random = new SplittableRandom(seed);
        Sampler sampler = new Sampler(SamplingOptions.builder().temperature(1f).topK(40).topP(1f).minP(0f)
                .seed(seed).build());
        TokenConstraint.Matcher matcher = constraint.start();
        int[] ids = new int[maxTokens];
        for (int n = 0; n < maxTokens; n++) {
            float[] logits = new float[tokenizer.vocabSize()];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (random.nextDouble() * 4);
            }
            // a model that likes to finish: the stop id and closing tokens are the likeliest where allowed
            logits[eot] = 12f;
            for (int id : closing) {
                logits[id] += 3f;
            }
            int id = sampler.sample(logits, ids, n, matcher);
            if (id == eot) {
                return new Run(tokenizer.decode(Arrays.copyOf(ids, n)), true, n);
            }
            ids[n] = id;
        }
        return new Run(tokenizer.decode(ids), false, maxTokens);
    }
}
