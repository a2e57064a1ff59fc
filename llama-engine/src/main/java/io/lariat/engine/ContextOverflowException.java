package io.lariat.engine;

/** A token sequence does not fit into a session's context. */
public final class ContextOverflowException extends RuntimeException {
    private final int contextSize;
    private final int requested;

    /**
     * @param contextSize the session's context, in tokens
     * @param requested   tokens the caller asked it to hold
     */
    public ContextOverflowException(int contextSize, int requested) {
        super(requested + " tokens do not fit into a context of " + contextSize + " tokens");
        this.contextSize = contextSize;
        this.requested = requested;
    }

    /** The session's context, in tokens. */
    public int contextSize() {
        return contextSize;
    }

    /** Tokens requested. */
    public int requested() {
        return requested;
    }
}
