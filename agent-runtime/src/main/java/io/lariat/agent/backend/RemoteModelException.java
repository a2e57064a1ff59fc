package io.lariat.agent.backend;

import java.net.URI;

/** A remote model server failed a request: unreachable, an error status, or a reply that is not the OpenAI API. */
public final class RemoteModelException extends RuntimeException {
    private final URI endpoint;
    private final int status;

    /**
     * @param endpoint the URL called
     * @param status   the HTTP status, or 0 when no response arrived
     * @param problem  what went wrong, with the server's error text when it sent one
     */
    public RemoteModelException(URI endpoint, int status, String problem) {
        super("%s%s: %s".formatted(endpoint, status == 0 ? "" : " answered " + status, problem));
        this.endpoint = endpoint;
        this.status = status;
    }

    /** The URL called. */
    public URI endpoint() {
        return endpoint;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }
}
