package io.lariat.agent;

/**
 * The run failed; no event follows.
 *
 * <p>The run's messages are rolled back: the session is as it was before the run.
 *
 * @param kind    a stable machine-readable kind: {@code session_busy} (another run holds the session, or it is
 *                closed), {@code context_overflow} (the new messages cannot fit the window), {@code overloaded} (the
 *                model's queue is full), {@code timeout} (the run exceeded its time limit), {@code failed} (the
 *                backend failed, e.g. a remote server error)
 * @param message a human-readable explanation
 */
public record ErrorEvent(String sessionId, int turn, String kind, String message) implements AgentEvent {
}
