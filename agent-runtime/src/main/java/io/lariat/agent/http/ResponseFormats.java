package io.lariat.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.prompts.grammar.JsonSchemaGrammar;
import io.lariat.prompts.grammar.SchemaGrammarException;

/**
 * Reads the structured-output fields of each dialect into a grammar: Ollama's {@code format} and OpenAI's
 * {@code response_format}. A schema the grammar cannot express is a 400 naming the keyword and its place.
 */
public final class ResponseFormats {
    private ResponseFormats() {
    }

    /**
     * Ollama's {@code format}: absent or {@code ""} for free text, {@code "json"} for any JSON object, or a JSON
     * Schema object.
     *
     * @throws InvalidRequestException for another value or an unsupported schema
     */
    public static JsonSchemaGrammar ollama(JsonNode format) {
        if (format == null || format.isNull() || (format.isTextual() && format.textValue().isEmpty())) {
            return null;
        }
        if (format.isTextual() && format.textValue().equals("json")) {
            return JsonSchemaGrammar.jsonObject();
        }
        if (format.isObject()) {
            return compile(format, "$.format");
        }
        throw InvalidRequestException.badValue("$.format", "expected \"json\" or a JSON Schema object");
    }

    /**
     * OpenAI's {@code response_format}: absent or {@code {"type": "text"}} for free text, {@code json_object} for
     * any JSON object, {@code json_schema} for its {@code json_schema.schema} (enforced whether {@code strict} is
     * true or not).
     *
     * @throws InvalidRequestException for another type, a missing schema or an unsupported schema
     */
    public static JsonSchemaGrammar openAi(JsonNode format) {
        if (format == null || format.isNull()) {
            return null;
        }
        String type = format.path("type").asText("");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> JsonSchemaGrammar.jsonObject();
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").get("schema");
                if (schema == null || !schema.isObject()) {
                    throw InvalidRequestException.badValue("$.response_format.json_schema.schema",
                            "required: the JSON Schema of the answer");
                }
                yield compile(schema, "$.response_format.json_schema.schema");
            }
            default -> throw InvalidRequestException.badValue("$.response_format.type",
                    "expected \"text\", \"json_object\" or \"json_schema\", got \"" + type + "\"");
        };
    }

    private static JsonSchemaGrammar compile(JsonNode schema, String path) {
        try {
            return JsonSchemaGrammar.compile(schema);
        } catch (SchemaGrammarException e) {
            throw InvalidRequestException.badValue(path, e.getMessage());
        }
    }
}
