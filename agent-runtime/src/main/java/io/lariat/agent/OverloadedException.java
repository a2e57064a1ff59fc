package io.lariat.agent;

/** A bounded resource (a model's generation queue, the session store) is full; retry later (HTTP 503). */
public final class OverloadedException extends RuntimeException {
    private final String resource;
    private final int capacity;

    private OverloadedException(String resource, int capacity, String message) {
        super(message);
        this.resource = resource;
        this.capacity = capacity;
    }

    /** The generation queue of {@code model} already holds {@code queueCapacity} waiting generations. */
    public static OverloadedException queueFull(String model, int queueCapacity) {
        return new OverloadedException("model " + model, queueCapacity,
                "model '%s' is overloaded: %d generations already waiting".formatted(model, queueCapacity));
    }

    /** All {@code maxSessions} sessions are running, so none can be evicted for a new one. */
    public static OverloadedException sessionsFull(int maxSessions) {
        return new OverloadedException("sessions", maxSessions,
                "all %d sessions are running; none can be evicted for a new one".formatted(maxSessions));
    }

    /** What is full: {@code model <name>} or {@code sessions}. */
    public String resource() {
        return resource;
    }

    /** The capacity that was exceeded. */
    public int capacity() {
        return capacity;
    }
}
