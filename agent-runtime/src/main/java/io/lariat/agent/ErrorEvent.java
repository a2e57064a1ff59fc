package io.lariat.agent;

/**
 * The run failed; no event follows.
 *
 * @param kind    a stable machine-readable kind, e.g. {@code context_overflow}, {@code overloaded}, {@code timeout}
 * @param message a human-readable explanation
 */
public record ErrorEvent(String sessionId, int turn, String kind, String message) implements AgentEvent {
}
