package io.lariat.agent.backend;

import io.lariat.prompts.parse.ToolCall;

import java.time.Duration;
import java.util.List;

/**
 * What a backend generated for one turn.
 *
 * @param sampledIds the generated ids without the stop token
 * @param stopId     the stop token that ended the turn (eom, eot or end_of_text), or -1 when {@code maxTokens} was
 *                   reached first
 * @param stats      counters and timings
 * @param calls      the tool calls a chat API returned as structured data ({@link ModelBackend#structuredToolCalls()});
 *                   empty for backends whose calls are read from the sampled tokens
 */
public record TurnResult(int[] sampledIds, int stopId, TurnStats stats, List<ToolCall> calls) {

    /** Copies the calls. */
    public TurnResult {
        calls = List.copyOf(calls);
    }

    /** A turn whose calls, if any, are in its tokens. */
    public TurnResult(int[] sampledIds, int stopId, TurnStats stats) {
        this(sampledIds, stopId, stats, List.of());
    }

    /** Whether the turn ended at a stop token rather than at the token limit. */
    public boolean stopped() {
        return stopId >= 0;
    }

    /**
     * Counters and timings of one generated turn.
     *
     * @param promptTokensReused    prompt tokens served from the cache
     * @param promptTokensEvaluated prompt tokens evaluated now
     * @param promptEval            time spent evaluating them
     * @param generatedTokens       tokens sampled, the stop token included
     * @param generation            time spent sampling them
     */
    public record TurnStats(int promptTokensReused, int promptTokensEvaluated, Duration promptEval,
                            int generatedTokens, Duration generation) {
    }
}
