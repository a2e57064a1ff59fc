package io.lariat.tools;

/**
 * A remote backend of a tool (Brave Search, Wolfram Alpha) failed: unreachable, refused the credentials, or
 * answered with an unexpected status. Counts as a failure for the tool's circuit breaker.
 */
public final class RemoteServiceException extends RuntimeException {

    private final String service;
    private final int status;

    /**
     * Creates the exception.
     *
     * @param service the service name, e.g. {@code Brave Search}
     * @param status the HTTP status, or 0 when no response arrived
     * @param problem what went wrong
     * @param cause the underlying exception, or null
     */
    public RemoteServiceException(String service, int status, String problem, Throwable cause) {
        super(service + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + problem, cause);
        this.service = service;
        this.status = status;
    }

    /** The service name. */
    public String service() {
        return service;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }
}
