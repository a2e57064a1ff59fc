package io.lariat.agent.http;

import io.lariat.agent.UnsupportedFeatureException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.lariat.agent.AgentNotFoundException;
import io.lariat.agent.ContextOverflowException;
import io.lariat.agent.InvalidRequestException;
import io.lariat.agent.ModelNotFoundException;
import io.lariat.agent.OverloadedException;
import io.lariat.prompts.PromptException;
import jakarta.ws.rs.WebApplicationException;

import java.util.Collection;
import java.util.Map;

/**
 * A failure as every dialect reports it: HTTP status, a stable kind, the request field at fault and a message for
 * people. {@link #of(Throwable)} is the single classification of exceptions into client errors (4xx) and server
 * errors (500, whose message never carries internals).
 *
 * @param status            HTTP status
 * @param type              OpenAI's error type: {@code invalid_request_error}, {@code not_found_error},
 *                          {@code rate_limit_error}, {@code server_error}
 * @param code              a stable code such as {@code model_not_found}, or null
 * @param param             the JSON path of the field at fault, or null
 * @param message           what went wrong, for people
 * @param retryAfterSeconds for 429: when to retry; 0 otherwise
 */
public record ApiError(int status, String type, String code, String param, String message, int retryAfterSeconds) {
    private static final String INVALID = "invalid_request_error";

    /** Classifies {@code failure}. */
    public static ApiError of(Throwable failure) {
        return switch (failure) {
            case JsonMappingException e when e.getCause() instanceof InvalidRequestException
                    || e.getCause() instanceof UnsupportedFeatureException -> of(e.getCause());
            case InvalidRequestException e -> new ApiError(e.status(), INVALID,
                    switch (e.status()) {
                        case 413 -> "request_too_large";
                        case 414 -> "uri_too_long";
                        default -> "invalid_value";
                    }, e.path(), e.getMessage(), 0);
            case UnsupportedFeatureException e -> new ApiError(501, INVALID, "unsupported_feature", e.path(),
                    e.getMessage(), 0);
            case PromptException e -> invalid("invalid_messages", e.problem());
            case ModelNotFoundException e -> new ApiError(404, "not_found_error", "model_not_found", "$.model",
                    e.getMessage(), 0);
            case ResourceNotFoundException e -> new ApiError(404, "not_found_error", e.kind() + "_not_found", null,
                    e.getMessage(), 0);
            case AgentRunException e -> new ApiError(e.status(), e.status() == 429 ? "rate_limit_error"
                    : e.status() >= 500 ? "server_error" : INVALID, e.kind(), null, e.getMessage(),
                    e.status() == 429 ? 1 : 0);
            case AgentNotFoundException e -> new ApiError(404, "not_found_error", "agent_not_found", null,
                    e.getMessage(), 0);
            case PullException e -> new ApiError(e.kind().status(), e.kind().status() >= 500 ? "server_error"
                    : INVALID, e.kind().code(), "$.model", e.getMessage(), 0);
            case OverloadedException e -> new ApiError(429, "rate_limit_error", "overloaded", null, e.getMessage(), 1);
            case ContextOverflowException e -> invalid("context_length_exceeded", e.getMessage());
            case io.lariat.engine.ContextOverflowException e -> invalid("context_length_exceeded", e.getMessage());
            case MismatchedInputException e -> new ApiError(400, INVALID, "invalid_type", jsonPath(e),
                    jsonPath(e) + ": expected " + expected(e.getTargetType()), 0);
            case JsonProcessingException e -> invalid("invalid_json", malformed(e));
            case WebApplicationException e when e.getCause() instanceof JsonProcessingException json -> of(json);
            case WebApplicationException e -> new ApiError(e.getResponse().getStatus(),
                    e.getResponse().getStatus() == 404 ? "not_found_error" : INVALID, null, null,
                    e.getResponse().getStatusInfo().getReasonPhrase(), 0);
            default -> new ApiError(500, "server_error", "internal_error", null,
                    "internal error (" + failure.getClass().getSimpleName() + "); see the server log", 0);
        };
    }

    /** Whether this is the server's fault; a 501 for a deliberately unsupported feature is not. */
    public boolean serverError() {
        return status >= 500 && status != 501;
    }

    private static ApiError invalid(String code, String message) {
        return new ApiError(400, INVALID, code, null, message, 0);
    }

    /** Where the JSON broke, without the parser's own wording (class names, source descriptions). */
    private static String malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        if (at == null || at.getLineNr() < 1) {
            return "malformed JSON";
        }
        boolean ended = e.getOriginalMessage() != null && e.getOriginalMessage().contains("end-of-input");
        return "malformed JSON at line %d, column %d%s".formatted(at.getLineNr(), at.getColumnNr(),
                ended ? ": the body ends early" : "");
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another JSON type";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "another JSON type";
    }
}
