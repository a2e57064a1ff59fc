package io.lariat.agent.http;

import java.net.URI;
import java.util.List;

/** {@code /api/pull} could not pull: the registry is not one the operator allows, or the transfer failed. */
public final class PullException extends RuntimeException {
    /** Why, with the HTTP status it is answered with. */
    public enum Kind {
        /** 403: the name's registry is not in {@code lariat.pull.registries}. */
        REGISTRY_NOT_ALLOWED(403, "registry_not_allowed"),
        /** 502: the registry refused, the transfer broke, or a blob was corrupt or not a model. */
        FAILED(502, "pull_failed");

        private final int status;
        private final String code;

        Kind(int status, String code) {
            this.status = status;
            this.code = code;
        }

        /** The HTTP status. */
        public int status() {
            return status;
        }

        /** The stable error code. */
        public String code() {
            return code;
        }
    }

    private final Kind kind;

    private PullException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The registry {@code registry} is not among {@code allowed}. */
    static PullException notAllowed(URI registry, List<URI> allowed) {
        return new PullException(Kind.REGISTRY_NOT_ALLOWED, "pulling from " + registry + " is not allowed: this "
                + "server pulls only from " + String.join(", ", allowed.stream().map(URI::toString).toList())
                + " (lariat.pull.registries)", null);
    }

    /** The pull failed as {@code cause} says. */
    static PullException failed(RuntimeException cause) {
        return new PullException(Kind.FAILED, cause.getMessage(), cause);
    }

    /** Why. */
    public Kind kind() {
        return kind;
    }
}
