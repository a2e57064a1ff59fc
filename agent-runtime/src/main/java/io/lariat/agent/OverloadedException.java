package io.lariat.agent;

/** The model's generation queue is full; the caller should retry later (HTTP 503 / 429). */
public final class OverloadedException extends RuntimeException {
    private final String model;
    private final int queueCapacity;

    /**
     * @param model         the model whose queue is full
     * @param queueCapacity how many waiting generations the queue holds
     */
    public OverloadedException(String model, int queueCapacity) {
        super("model '%s' is overloaded: %d generations already waiting".formatted(model, queueCapacity));
        this.model = model;
        this.queueCapacity = queueCapacity;
    }

    /** The model whose queue is full. */
    public String model() {
        return model;
    }

    /** The waiting-queue capacity that was exceeded. */
    public int queueCapacity() {
        return queueCapacity;
    }
}
