package io.lariat.agent.turn;

import io.lariat.agent.backend.TurnResult;
import io.lariat.prompts.parse.ParsedTurn;

/**
 * What one {@link ModelTurn} produced.
 *
 * @param parsed          content, calls and stop, after the per-turn options were applied
 * @param sampledIds      the generated ids without the stop token, verbatim (spec §11 raw replay)
 * @param stopId          the stop token that ended the turn, or -1 (token limit or stop string)
 * @param stats           the turn's counters and timings, the one statistics record of every turn
 * @param stoppedByString whether a stop string ended the turn
 * @param firstTokenNanos {@link System#nanoTime()} when the first token arrived, or 0 when none did
 */
public record TurnOutcome(ParsedTurn parsed, int[] sampledIds, int stopId, TurnResult.TurnStats stats,
                          boolean stoppedByString, long firstTokenNanos) {

    /** Whether the turn ended at a stop token rather than at the token limit or a stop string. */
    public boolean stopped() {
        return stopId >= 0;
    }
}
