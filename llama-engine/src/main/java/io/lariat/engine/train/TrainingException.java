package io.lariat.engine.train;

/**
 * A training run cannot proceed: bad data, a token outside the trained vocabulary, an unreadable checkpoint or an
 * export that failed. The message names the input and what was wrong.
 */
public final class TrainingException extends RuntimeException {

    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
