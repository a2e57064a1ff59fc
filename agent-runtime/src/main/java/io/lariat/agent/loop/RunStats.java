package io.lariat.agent.loop;

import io.lariat.agent.StatsEvent;
import io.lariat.agent.backend.TurnResult;

import java.time.Duration;

/** Counters of one run, added up turn by turn; confined to the run's thread. */
final class RunStats {
    private final long startNanos = System.nanoTime();
    private int iterations;
    private int evaluated;
    private int reused;
    private int generated;
    private Duration promptEval = Duration.ZERO;
    private Duration generation = Duration.ZERO;
    private Duration tools = Duration.ZERO;

    void addTurn(TurnResult.TurnStats s) {
        iterations++;
        evaluated += s.promptTokensEvaluated();
        reused += s.promptTokensReused();
        generated += s.generatedTokens();
        promptEval = promptEval.plus(s.promptEval());
        generation = generation.plus(s.generation());
    }

    void addToolTime(Duration d) {
        tools = tools.plus(d);
    }

    /** Tokens the run has spent against its budget: prompt tokens evaluated plus tokens generated. */
    int spent() {
        return evaluated + generated;
    }

    StatsEvent event(String sessionId, int turn) {
        return new StatsEvent(sessionId, turn, iterations, evaluated, reused, generated, promptEval, generation,
                tools, Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
