package io.lariat.agent;

/**
 * Old turns were dropped from the conversation so that the next model turn fits the context window.
 *
 * @param messagesDropped how many messages were removed (always whole user turns with their calls and results)
 * @param tokensDropped   how many tokens those messages held
 * @param tokensKept      the conversation's size in tokens after trimming
 */
public record ContextTrimmedEvent(String sessionId, int turn, int messagesDropped, int tokensDropped,
                                  int tokensKept) implements AgentEvent {
}
