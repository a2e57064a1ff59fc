package io.lariat.agent.http.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * OpenAI's error body: {@code {"error": {"message", "type", "param", "code"}}}.
 *
 * @param error the error
 */
public record ErrorResponse(ErrorObject error) {

    /**
     * @param type  {@code invalid_request_error}, {@code not_found_error}, {@code rate_limit_error} or
     *              {@code server_error}
     * @param param the request field at fault, or null
     * @param code  a stable code such as {@code model_not_found}, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ErrorObject(String message, String type, String param, String code) {
    }
}
