package io.lariat.prompts.grammar;

import io.lariat.engine.sampling.Sampler;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns under a {@link ToolCallConstraint} with a random stand-in model that often opens calls (a brace or the
 * python tag first, undeclared tool names favoured), to show that the constraint, not the model, keeps calls valid.
 */
final class CallRuns {
    private CallRuns() {
    }

    /** The turn's text, special tokens by name, ending with its stop token when it stopped. */
    static String run(TokenConstraint constraint, Tokenizer tokenizer, long seed, int maxTokens) {
        SplittableRandom random = new SplittableRandom(seed);
        Sampler sampler = new Sampler(SamplingOptions.builder().temperature(1f).topK(20).topP(1f).minP(0f)
                .seed(seed).build());
        TokenConstraint.Matcher matcher = constraint.start();
        int[] favoured = favoured(tokenizer);
        int[] ids = new int[maxTokens];
        for (int n = 0; n < maxTokens; n++) {
            float[] logits = new float[tokenizer.vocabSize()];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (random.nextDouble() * 4);
            }
            for (int id : favoured) {
                logits[id] += 5f;
            }
            logits[n == 0 ? (seed % 2 == 0 ? tokenizer.encode("{\"")[0] : SpecialTokens.PYTHON_TAG)
                    : SpecialTokens.EOM] += 20f;
            int id = sampler.sample(logits, ids, n, matcher);
            ids[n] = id;
            if (id == SpecialTokens.EOM || id == SpecialTokens.EOT || id == SpecialTokens.END_OF_TEXT) {
                return tokenizer.decode(Arrays.copyOf(ids, n + 1));
            }
        }
        return tokenizer.decode(ids);
    }

    private static int[] favoured(Tokenizer tokenizer) {
        return java.util.stream.Stream.of("name", "\":", " \"", "code", "_interpreter", "wolfram", "\"}", "}",
                        "\"", ")", "parameters", "city", ".call", "(query", "=\"")
                .mapToInt(text -> tokenizer.encode(text)[0]).toArray();
    }
}
