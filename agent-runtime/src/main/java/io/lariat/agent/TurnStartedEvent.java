package io.lariat.agent;

/**
 * A model turn begins: the prompt is about to be evaluated.
 *
 * @param promptTokens the length of the full prompt in tokens, as sent to the backend
 */
public record TurnStartedEvent(String sessionId, int turn, int promptTokens) implements AgentEvent {
}
