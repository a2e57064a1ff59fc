package io.lariat.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The model asked for a tool call; emitted before the tool runs.
 *
 * @param callId    an id unique within the session, pairing this event with its {@link ToolResultEvent}
 * @param tool      the tool name as the model wrote it
 * @param arguments the parsed arguments (not to be modified)
 */
public record ToolCallEvent(String sessionId, int turn, String callId, String tool, ObjectNode arguments)
        implements AgentEvent {
}
