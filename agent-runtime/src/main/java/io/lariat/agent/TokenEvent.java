package io.lariat.agent;

/**
 * A piece of answer text as it is generated; never text that belongs to a tool call (spec §10).
 *
 * @param text decoded text, complete UTF-8 characters only; never empty
 */
public record TokenEvent(String sessionId, int turn, String text) implements AgentEvent {
}
