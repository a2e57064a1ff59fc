package io.lariat.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.agent.InvalidRequestException;
import io.lariat.agent.chat.AnswerFormat;
import io.lariat.prompts.grammar.JsonSchemaGrammar;
import io.lariat.prompts.grammar.SchemaGrammarException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the structured-output fields of each dialect: Ollama's {@code format}, OpenAI's {@code response_format} and
 * its Responses API's {@code text.format}.
 * A schema the grammar cannot express is a 400 naming the keyword and its place.
 *
 * <p>Compiled schemas are kept in a small LRU map keyed by the schema's JSON value, so a client that sends the same
 * schema again gets the same grammar and with it the token masks already computed. Thread-safe.
 */
public final class ResponseFormats {
    private static final String OLLAMA = "$.format";
    private static final String OPENAI_SCHEMA = "$.response_format.json_schema.schema";
    private static final String TEXT_FORMAT = "$.text.format";
    private static final int CACHE_LIMIT = 64;
    private static final Map<JsonNode, JsonSchemaGrammar> COMPILED = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<JsonNode, JsonSchemaGrammar> eldest) {
            return size() > CACHE_LIMIT;
        }
    };

    private ResponseFormats() {
    }

    /**
     * Ollama's {@code format}: absent, null or {@code ""} for free text, {@code "json"} for any JSON object, or a
     * JSON Schema object.
     *
     * @return the format, or null for free text
     * @throws InvalidRequestException for another value or an unsupported schema
     */
    public static AnswerFormat ollama(JsonNode format) {
        if (format == null || format.isNull() || (format.isTextual() && format.textValue().isEmpty())) {
            return null;
        }
        if (format.isTextual() && format.textValue().equals("json")) {
            return new AnswerFormat(JsonSchemaGrammar.jsonObject(), OLLAMA);
        }
        if (format.isObject()) {
            return new AnswerFormat(compile(format, OLLAMA), OLLAMA);
        }
        throw InvalidRequestException.badValue(OLLAMA, "expected \"json\" or a JSON Schema object");
    }

    /**
     * OpenAI's {@code response_format}: absent, null or {@code {"type": "text"}} for free text, {@code json_object}
     * for any JSON object, {@code json_schema} for its {@code json_schema.schema} (enforced whether {@code strict}
     * is true or not).
     *
     * @return the format, or null for free text
     * @throws InvalidRequestException for another type, a missing schema or an unsupported schema
     */
    public static AnswerFormat openAi(JsonNode format) {
        if (format == null || format.isNull()) {
            return null;
        }
        if (!format.isObject()) {
            throw InvalidRequestException.badValue("$.response_format", "expected an object with a \"type\"");
        }
        String type = format.path("type").asText("");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> new AnswerFormat(JsonSchemaGrammar.jsonObject(), "$.response_format");
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").get("schema");
                if (schema == null || !schema.isObject()) {
                    throw InvalidRequestException.badValue(OPENAI_SCHEMA, "required: the JSON Schema of the answer");
                }
                yield new AnswerFormat(compile(schema, OPENAI_SCHEMA), "$.response_format");
            }
            default -> throw InvalidRequestException.badValue("$.response_format.type",
                    "expected \"text\", \"json_object\" or \"json_schema\", got \"" + type + "\"");
        };
    }

    /**
     * The Responses API's {@code text.format}: absent or {@code {"type": "text"}} for free text, {@code json_object},
     * or {@code {"type": "json_schema", "name", "schema", "strict"}} (the schema enforced whether strict or not).
     *
     * @param text the request's {@code text} object
     * @return the format, or null for free text
     * @throws InvalidRequestException for another type, a missing schema or an unsupported schema
     */
    public static AnswerFormat openAiText(JsonNode text) {
        if (text == null || text.isNull()) {
            return null;
        }
        JsonNode format = text.get("format");
        if (!text.isObject() || (format != null && !format.isNull() && !format.isObject())) {
            throw InvalidRequestException.badValue(text.isObject() ? TEXT_FORMAT : "$.text",
                    "expected an object with a \"type\"");
        }
        if (format == null || format.isNull()) {
            return null;
        }
        String type = format.path("type").asText("");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> new AnswerFormat(JsonSchemaGrammar.jsonObject(), TEXT_FORMAT);
            case "json_schema" -> {
                JsonNode schema = format.get("schema");
                if (schema == null || !schema.isObject()) {
                    throw InvalidRequestException.badValue(TEXT_FORMAT + ".schema",
                            "required: the JSON Schema of the answer");
                }
                yield new AnswerFormat(compile(schema, TEXT_FORMAT + ".schema"), TEXT_FORMAT);
            }
            default -> throw InvalidRequestException.badValue(TEXT_FORMAT + ".type",
                    "expected \"text\", \"json_object\" or \"json_schema\", got \"" + type + "\"");
        };
    }

    private static JsonSchemaGrammar compile(JsonNode schema, String path) {
        synchronized (COMPILED) {
            JsonSchemaGrammar cached = COMPILED.get(schema);
            if (cached != null) {
                return cached;
            }
        }
        JsonSchemaGrammar grammar;
        try {
            grammar = JsonSchemaGrammar.compile(schema);
        } catch (SchemaGrammarException e) {
            throw InvalidRequestException.badValue(path, e.getMessage());
        }
        synchronized (COMPILED) {
            COMPILED.put(schema.deepCopy(), grammar);
        }
        return grammar;
    }
}
