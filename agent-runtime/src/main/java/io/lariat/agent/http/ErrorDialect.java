package io.lariat.agent.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lariat.agent.http.openai.ErrorResponse;

import java.util.Map;

/**
 * How one API dialect writes an error body; the dialect of a request follows from its path, so that errors raised
 * before a resource method runs (malformed JSON, an unknown route, an oversize body) have the right shape too.
 */
public sealed interface ErrorDialect {

    /** The error body for {@code error}. */
    Object body(ApiError error);

    /** The dialect of a request path: {@code /v1/...} OpenAI, {@code /api/...} Ollama, else Lariat's own. */
    static ErrorDialect forPath(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        if (p.startsWith("/v1/") || p.equals("/v1")) {
            return new OpenAi();
        }
        return p.startsWith("/api/") ? new Ollama() : new Lariat();
    }

    /** OpenAI's {@code {"error": {"message", "type", "param", "code"}}}. */
    record OpenAi() implements ErrorDialect {
        @Override
        public Object body(ApiError error) {
            return new ErrorResponse(new ErrorResponse.ErrorObject(error.message(), error.type(), error.param(),
                    error.code()));
        }
    }

    /** Ollama's {@code {"error": "message"}}. */
    record Ollama() implements ErrorDialect {
        @Override
        public Object body(ApiError error) {
            return Map.of("error", error.message());
        }
    }

    /** Lariat's agent API: {@code {"error": {"code", "message", "param"}}}. */
    record Lariat() implements ErrorDialect {
        @Override
        public Object body(ApiError error) {
            return Map.of("error", new LariatError(error.code(), error.message(), error.param()));
        }
    }

    /** The error object of Lariat's agent API; {@code param} is left out when null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LariatError(String code, String message, String param) {
    }
}
