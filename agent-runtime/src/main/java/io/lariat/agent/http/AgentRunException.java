package io.lariat.agent.http;

/**
 * An agent run failed before its response began: the {@link io.lariat.agent.ErrorEvent} it ended with, raised so
 * that the HTTP status can say what happened ({@code session_busy} 409, {@code overloaded} 429,
 * {@code context_overflow} 400, {@code timeout} 504, anything else 500).
 */
public final class AgentRunException extends RuntimeException {
    private final String kind;

    /**
     * @param kind    the error event's kind
     * @param message the error event's message
     */
    public AgentRunException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** The error event's kind. */
    public String kind() {
        return kind;
    }

    /** The HTTP status for the kind. */
    public int status() {
        return switch (kind) {
            case "session_busy" -> 409;
            case "overloaded" -> 429;
            case "context_overflow" -> 400;
            case "timeout" -> 504;
            default -> 500;
        };
    }
}
