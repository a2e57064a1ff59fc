package io.lariat.agent;

/**
 * One event of an agent run: the single vocabulary the HTTP dialects and the CLI render.
 *
 * <p>A run emits, in order: for each model turn a {@link TurnStartedEvent}, then {@link TokenEvent}s (answer text
 * only), {@link ToolCallEvent}/{@link ToolResultEvent} pairs in call order and possibly a
 * {@link ContextTrimmedEvent}; it ends with {@link FinalEvent} then {@link StatsEvent}, or with an
 * {@link ErrorEvent}. Every event names its session and the 1-based model turn (iteration) it belongs to.
 */
public sealed interface AgentEvent permits TurnStartedEvent, TokenEvent, ToolCallEvent, ToolResultEvent,
        ContextTrimmedEvent, FinalEvent, StatsEvent, ErrorEvent {

    /** The id of the session the run belongs to. */
    String sessionId();

    /** The 1-based model turn (iteration) within the run; 0 for events before the first turn. */
    int turn();
}
