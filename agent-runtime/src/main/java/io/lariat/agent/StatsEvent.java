package io.lariat.agent;

import java.time.Duration;

/**
 * Counters and timings of one run; the last event of a successful run.
 *
 * @param iterations            model turns run
 * @param promptTokensEvaluated prompt tokens the backend had to evaluate (not found in its cache)
 * @param promptTokensReused    prompt tokens served from the backend's cache (prefix reuse)
 * @param generatedTokens       tokens sampled, stop tokens included
 * @param promptEval            time spent evaluating prompts
 * @param generation            time spent sampling tokens
 * @param tools                 time spent in tools
 * @param total                 wall-clock time of the whole run
 */
public record StatsEvent(String sessionId, int turn, int iterations, int promptTokensEvaluated,
                         int promptTokensReused, int generatedTokens, Duration promptEval, Duration generation,
                         Duration tools, Duration total) implements AgentEvent {

    /** Time spent outside the model and the tools: the loop's own overhead (rendering, parsing, bookkeeping). */
    public Duration overhead() {
        return total.minus(promptEval).minus(generation).minus(tools);
    }
}
