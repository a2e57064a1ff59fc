package io.lariat.agent;

/**
 * A request the API cannot serve as sent: malformed JSON, a value of the wrong type, a missing or contradictory
 * field. Each dialect renders it as a 4xx in its own error shape.
 *
 * <p>The message is the reader's answer: the JSON path of the offending value and what was expected
 * ({@code "$.messages: must not be empty"}).
 */
public final class InvalidRequestException extends RuntimeException {
    private final String path;
    private final int status;

    private InvalidRequestException(String path, String problem, int status) {
        super(path == null ? problem : path + ": " + problem);
        this.path = path;
        this.status = status;
    }

    /**
     * A 400 for the value at {@code path}.
     *
     * @param path    the JSON path of the value ({@code $.temperature}), or null when the body as a whole is wrong
     * @param problem what is wrong with it
     */
    public static InvalidRequestException badValue(String path, String problem) {
        return new InvalidRequestException(path, problem, 400);
    }

    /** A 413: the body is longer than {@code limitBytes}. */
    public static InvalidRequestException tooLarge(long bodyBytes, long limitBytes) {
        return new InvalidRequestException(null,
                "request body of %d bytes exceeds the limit of %d bytes".formatted(bodyBytes, limitBytes), 413);
    }

    /** A 413: a body without a declared length grew past {@code limitBytes}. */
    public static InvalidRequestException tooLarge(long limitBytes) {
        return new InvalidRequestException(null,
                "request body exceeds the limit of %d bytes".formatted(limitBytes), 413);
    }

    /** A 414: the request line (method, target, version) is longer than {@code limitBytes}. */
    public static InvalidRequestException lineTooLong(long lineBytes, long limitBytes) {
        return new InvalidRequestException(null,
                "request line of %d bytes exceeds the limit of %d bytes".formatted(lineBytes, limitBytes), 414);
    }

    /** A 414: the request line grew past {@code limitBytes} before it ended. */
    public static InvalidRequestException lineTooLong(long limitBytes) {
        return new InvalidRequestException(null,
                "request line exceeds the limit of %d bytes".formatted(limitBytes), 414);
    }

    /** The JSON path of the offending value, or null. */
    public String path() {
        return path;
    }

    /** The HTTP status to answer with: 400, 413 or 414. */
    public int status() {
        return status;
    }
}
