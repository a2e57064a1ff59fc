package io.lariat.prompts.grammar;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An independent checker of the JSON Schema keywords the grammar supports, written straight from the JSON Schema
 * text (not from the compiler), as the oracle of the grammar tests.
 */
final class SchemaValidator {
    private final JsonNode root;

    private SchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** The problems of {@code value} against {@code schema}, empty when it validates. */
    static List<String> problems(JsonNode schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        new SchemaValidator(schema).check(schema, value, "$", problems);
        return problems;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (schema.isBoolean()) {
            if (!schema.booleanValue()) {
                problems.add(path + ": false schema");
            }
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").textValue();
            check(ref.equals("#") ? root : root.at(ref.substring(1)), value, path, problems);
            return;
        }
        for (String key : List.of("anyOf", "oneOf")) {
            if (schema.has(key)) {
                boolean any = false;
                for (JsonNode option : schema.get(key)) {
                    any |= problems(option, value).isEmpty() || valid(option, value);
                }
                if (!any) {
                    problems.add(path + ": matches no " + key + " branch");
                }
            }
        }
        if (schema.has("const") && !sameValue(schema.get("const"), value)) {
            problems.add(path + ": not the const");
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= sameValue(option, value);
            }
            if (!found) {
                problems.add(path + ": not in enum");
            }
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            problems.add(path + ": wrong type " + value.getNodeType());
            return;
        }
        if (value.isObject()) {
            object(schema, value, path, problems);
        } else if (value.isArray()) {
            array(schema, value, path, problems);
        } else if (value.isTextual()) {
            int length = value.textValue().codePointCount(0, value.textValue().length());
            if (schema.has("minLength") && length < schema.get("minLength").intValue()
                    || schema.has("maxLength") && length > schema.get("maxLength").intValue()) {
                problems.add(path + ": length " + length);
            }
        } else if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0
                    || schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                problems.add(path + ": out of range " + value);
            }
        }
    }

    private boolean valid(JsonNode schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "$", problems);
        return problems.isEmpty();
    }

    private void object(JsonNode schema, JsonNode value, String path, List<String> problems) {
        JsonNode properties = schema.path("properties");
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.textValue())) {
                problems.add(path + ": missing " + name.textValue());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (properties.has(member.getKey())) {
                check(properties.get(member.getKey()), member.getValue(), path + "." + member.getKey(), problems);
            } else if (schema.has("additionalProperties")) {
                check(schema.get("additionalProperties"), member.getValue(), path + "." + member.getKey(), problems);
            }
        }
    }

    private void array(JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (schema.has("minItems") && value.size() < schema.get("minItems").intValue()
                || schema.has("maxItems") && value.size() > schema.get("maxItems").intValue()) {
            problems.add(path + ": " + value.size() + " items");
        }
        if (schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.textValue()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
