package io.lariat.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one agent run.
 *
 * @param maxIterations    model turns per run; the run ends with {@link FinalEvent.FinishReason#ITERATION_CAP}
 * @param maxTokensPerTurn tokens one model turn may generate
 * @param tokenBudget      tokens (prompt evaluated plus generated) one run may spend; {@link Integer#MAX_VALUE}
 *                         for no budget
 * @param turnTimeout      wall-clock limit of one run, model and tools included
 */
public record AgentLimits(int maxIterations, int maxTokensPerTurn, int tokenBudget, Duration turnTimeout) {

    /** Checks the ranges. */
    public AgentLimits {
        Objects.requireNonNull(turnTimeout, "turnTimeout");
        if (maxIterations < 1 || maxTokensPerTurn < 1 || tokenBudget < 1 || !turnTimeout.isPositive()) {
            throw new IllegalArgumentException("agent limits must be positive: " + maxIterations + ", "
                    + maxTokensPerTurn + ", " + tokenBudget + ", " + turnTimeout);
        }
    }
}
