package io.lariat.agent.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Reads a request body sent without a {@code Content-Type} header as JSON, as Ollama does: its documentation posts
 * with {@code curl -d '{...}'}, which sends no JSON type (or {@code application/x-www-form-urlencoded}, which is
 * also read as JSON here, since no endpoint of the API takes forms).
 *
 * <p>Only {@code /api/...} and {@code /v1/...} requests are touched; a declared JSON or other type is left alone,
 * so a wrong type still gets its 415.
 */
@ApplicationScoped
public class JsonContentType {
    private static final String FORM = "application/x-www-form-urlencoded";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(JsonContentType::assumeJson);
    }

    private static void assumeJson(RoutingContext context) {
        var request = context.request();
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String path = context.normalizedPath();
        boolean api = path.startsWith("/api/") || path.startsWith("/v1/");
        boolean withBody = request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT
                || request.method() == HttpMethod.DELETE;
        if (api && withBody && (type == null || type.isBlank() || type.strip().startsWith(FORM))) {
            request.headers().set(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        context.next();
    }
}
