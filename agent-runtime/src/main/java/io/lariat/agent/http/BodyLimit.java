package io.lariat.agent.http;

import io.lariat.agent.InvalidRequestException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies longer than {@code quarkus.http.limits.max-body-size} with a 413 in the dialect's JSON error
 * shape, before the body is read.
 *
 * <p>Vert.x enforces the same limit, but with an empty 413; this route runs first and answers for any request that
 * declares its length. A chunked body without a length still meets Vert.x's limit.
 */
@ApplicationScoped
public class BodyLimit {
    private final long limitBytes;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
              MemorySize limit) {
        this.limitBytes = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long bytes = parse(length);
        if (bytes <= limitBytes) {
            context.next();
            return;
        }
        ApiError error = ApiError.of(InvalidRequestException.tooLarge(bytes, limitBytes));
        context.response().setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.write(ErrorDialect.forPath(context.normalizedPath()).body(error)));
    }

    private static long parse(String length) {
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
