package io.lariat.tools.binding;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds required properties the model left out of nested objects, using the generated schema.
 *
 * <p>Jackson would bind a missing record component to null silently; this walk reports it as
 * {@code $.trip.destination: required property is missing} instead. Type mismatches are left to Jackson.
 */
public final class RequiredCheck {

    private RequiredCheck() {
    }

    /**
     * Checks {@code value} at {@code path} against {@code schema}.
     *
     * @throws ArgumentException naming the first missing required property
     */
    public static void check(JsonNode value, JsonNode schema, String path) {
        if (value == null || schema == null) {
            return;
        }
        String type = schema.path("type").asText("");
        if (type.equals("object") && value.isObject()) {
            checkObject(value, schema, path);
        } else if (type.equals("array")) {
            JsonNode items = schema.get("items");
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), items, path + "[" + i + "]");
                }
            } else {
                check(value, items, path);
            }
        }
    }

    private static void checkObject(JsonNode value, JsonNode schema, String path) {
        for (JsonNode name : schema.path("required")) {
            JsonNode property = value.get(name.asText());
            if (property == null || property.isNull()) {
                throw new ArgumentException(path + "." + name.asText(),
                        property == null ? "required property is missing" : "required property is null");
            }
        }
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            properties.properties().forEach(e -> check(value.get(e.getKey()), e.getValue(), path + "." + e.getKey()));
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            value.properties().forEach(e -> check(e.getValue(), additional, path + "." + e.getKey()));
        }
    }
}
