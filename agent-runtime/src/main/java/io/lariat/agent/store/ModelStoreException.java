package io.lariat.agent.store;

/** A model that cannot be found, read, downloaded or removed; the message names the model and the problem. */
public final class ModelStoreException extends RuntimeException {

    /** A problem described by {@code message}. */
    public ModelStoreException(String message) {
        super(message);
    }

    /** A problem described by {@code message}, caused by {@code cause}. */
    public ModelStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
