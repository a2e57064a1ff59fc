package io.lariat.engine;

import java.time.Duration;

/**
 * Figures of one generation, in Ollama's terms.
 *
 * @param load                   how long loading the engine's model took (once per engine)
 * @param promptTokensReused     prompt tokens whose keys and values were already cached
 * @param promptTokensEvaluated  prompt tokens evaluated now
 * @param promptEval             time of that evaluation
 * @param generatedTokens        tokens sampled (the stop token included, as Ollama counts)
 * @param eval                   time of sampling and decoding them
 */
public record GenerationStats(Duration load, int promptTokensReused, int promptTokensEvaluated, Duration promptEval,
                              int generatedTokens, Duration eval) {

    /** Prompt tokens per second, 0 when nothing was evaluated. */
    public double promptTokensPerSecond() {
        return rate(promptTokensEvaluated, promptEval);
    }

    /** Generated tokens per second, 0 when nothing was generated. */
    public double generatedTokensPerSecond() {
        return rate(generatedTokens, eval);
    }

    private static double rate(int tokens, Duration time) {
        return tokens == 0 || time.isZero() ? 0 : tokens / (time.toNanos() / 1e9);
    }
}
