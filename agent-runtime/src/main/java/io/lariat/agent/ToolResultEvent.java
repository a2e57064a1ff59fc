package io.lariat.agent;

import java.time.Duration;

/**
 * The result of one tool call, exactly as it is appended to the conversation (after truncation).
 *
 * @param error   whether the call failed (unknown tool, bad arguments, exception, timeout)
 * @param elapsed wall-clock time the tool took
 */
public record ToolResultEvent(String sessionId, int turn, String callId, String tool, String content,
                              boolean error, Duration elapsed) implements AgentEvent {
}
