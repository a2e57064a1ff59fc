package io.lariat.agent.http;

import io.lariat.agent.InvalidRequestException;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses requests beyond Quarkus's size limits in the dialect's JSON error shape, before the body is read: a 414
 * for a request line longer than {@code quarkus.http.limits.max-initial-line-length}, a 413 for a declared body
 * longer than {@code quarkus.http.limits.max-body-size}.
 *
 * <p>Vert.x enforces both limits itself, but with an empty 413 or 414, and for a request line before any route
 * runs. So Vert.x's own line limit is raised to {@link #PARSE_FACTOR} times the configured one and this route
 * answers in between; only a line longer than that (64 KiB by default) still meets Vert.x's bare 414, whose request
 * has no path and so no dialect.
 *
 * <p>A body without a declared length (chunked) is read here, up to the limit, and handed on as the request's body,
 * which Quarkus REST reads instead of the connection: otherwise Quarkus REST would meet the limit mid-read, answer an
 * empty 413 itself and fail the request with two logged stack traces. Each refusal logs one line.
 */
@ApplicationScoped
public class RequestLimits implements HttpServerOptionsCustomizer {
    /** How much longer than the configured limit a request line may be for Vert.x to still parse it. */
    static final int PARSE_FACTOR = 16;

    private static final Logger LOG = Logger.getLogger(RequestLimits.class);
    private static final int LOGGED_PATH_CHARS = 100;
    private static final int VERSION_BYTES = "HTTP/1.1".length();

    private final long bodyBytes;
    private final int lineBytes;

    RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                  MemorySize body,
                  @ConfigProperty(name = "quarkus.http.limits.max-initial-line-length", defaultValue = "4096")
                  int line) {
        this.bodyBytes = body.asLongValue();
        this.lineBytes = line;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setMaxInitialLineLength((int) Math.min(Integer.MAX_VALUE, (long) lineBytes * PARSE_FACTOR));
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        long line = request.method().name().length() + 1 + request.uri().length() + 1 + VERSION_BYTES;
        long declared = declaredLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (line > lineBytes) {
            refuse(context, InvalidRequestException.lineTooLong(line, lineBytes));
        } else if (declared > bodyBytes) {
            refuse(context, InvalidRequestException.tooLarge(declared, bodyBytes));
        } else if (declared < 0 && request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            readBounded(context);
        } else {
            context.next();
        }
    }

    private void readBounded(RoutingContext context) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (context.response().ended()) {
                return;
            }
            if (body.length() + chunk.length() > bodyBytes) {
                refuse(context, InvalidRequestException.tooLarge(bodyBytes));
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(ended -> {
            if (!context.response().ended()) {
                context.setBody(body);
                context.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            context.response().writeContinue();
        }
        request.resume();
    }

    private static void refuse(RoutingContext context, InvalidRequestException problem) {
        String path = context.normalizedPath();
        LOG.infof("%s %s refused (%d): %s", context.request().method(),
                path.length() > LOGGED_PATH_CHARS ? path.substring(0, LOGGED_PATH_CHARS) + "..." : path,
                problem.status(), problem.getMessage());
        ApiError error = ApiError.of(problem);
        context.response().setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.write(ErrorDialect.forPath(context.normalizedPath()).body(error)));
    }

    private static long declaredLength(String length) {
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
