package io.lariat.agent.chat;

import io.lariat.prompts.grammar.JsonSchemaGrammar;

import java.util.Objects;

/**
 * The format a chat answer must follow (structured output), and the request field that asked for it.
 *
 * @param grammar the compiled schema (or JSON mode)
 * @param field   the JSON path of the field, for errors: {@code $.format} (Ollama) or {@code $.response_format}
 *                (OpenAI)
 */
public record AnswerFormat(JsonSchemaGrammar grammar, String field) {
    /** Checks the components. */
    public AnswerFormat {
        Objects.requireNonNull(grammar, "grammar");
        Objects.requireNonNull(field, "field");
    }
}
