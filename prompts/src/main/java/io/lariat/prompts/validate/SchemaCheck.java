package io.lariat.prompts.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.json.PythonJson;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks and coerces one JSON value against a JSON Schema subset; collects problems with JSON paths. Stateless. */
final class SchemaCheck {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SchemaCheck() {
    }

    /** The value coerced to the schema; problems are appended, and the value is returned as is where it failed. */
    static JsonNode value(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (schema == null || !schema.isObject()) {
            return value;
        }
        JsonNode alternatives = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        if (alternatives != null && alternatives.isArray()) {
            return firstMatch(value, alternatives, path, problems);
        }
        int before = problems.size();
        JsonNode coerced = typed(value, schema.get("type"), schema, path, problems);
        JsonNode allowed = schema.get("enum");
        if (problems.size() == before && allowed != null && allowed.isArray() && !contains(allowed, coerced)) {
            List<String> names = new ArrayList<>();
            allowed.forEach(a -> names.add(a.isTextual() ? a.textValue() : PythonJson.dumps(a)));
            problems.add(path + ": expected one of " + String.join(", ", names) + ", got " + PythonJson.dumps(value));
        }
        return coerced;
    }

    private static JsonNode firstMatch(JsonNode value, JsonNode alternatives, String path, List<String> problems) {
        List<String> first = null;
        for (JsonNode alternative : alternatives) {
            List<String> attempt = new ArrayList<>();
            JsonNode coerced = value(value, alternative, path, attempt);
            if (attempt.isEmpty()) {
                return coerced;
            }
            first = first == null ? attempt : first;
        }
        problems.addAll(first == null ? List.of() : first);
        return value;
    }

    private static boolean contains(JsonNode allowed, JsonNode value) {
        for (JsonNode a : allowed) {
            if (a.equals(value) || (a.isNumber() && value.isNumber()
                    && a.decimalValue().compareTo(value.decimalValue()) == 0)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode typed(JsonNode value, JsonNode type, JsonNode schema, String path, List<String> problems) {
        if (type == null) {
            return value.isObject() && schema.has("properties") ? object(value, schema, path, problems) : value;
        }
        if (type.isArray()) {
            List<String> first = null;
            for (JsonNode option : type) {
                List<String> attempt = new ArrayList<>();
                JsonNode coerced = typed(value, option, schema, path, attempt);
                if (attempt.isEmpty()) {
                    return coerced;
                }
                first = first == null ? attempt : first;
            }
            problems.addAll(first == null ? List.of() : first);
            return value;
        }
        JsonNode coerced = switch (type.asText()) {
            case "string" -> value.isValueNode() && !value.isNull() ? JSON.textNode(value.asText()) : null;
            case "integer" -> integer(value);
            case "number" -> number(value);
            case "boolean" -> bool(value);
            case "null" -> value.isNull() ? value : null;
            case "object" -> value.isObject() ? object(value, schema, path, problems) : null;
            case "array" -> value.isArray() ? array((ArrayNode) value, schema, path, problems) : null;
            default -> value;
        };
        if (coerced == null) {
            problems.add(path + ": expected " + article(type.asText()) + ", got " + PythonJson.dumps(value));
            return value;
        }
        return coerced;
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "object", "array" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    private static JsonNode integer(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value;
        }
        BigDecimal decimal = decimal(value);
        if (decimal == null) {
            return null;
        }
        try {
            BigInteger exact = decimal.toBigIntegerExact();
            return exact.bitLength() < 32 ? JSON.numberNode(exact.intValue())
                    : exact.bitLength() < 64 ? JSON.numberNode(exact.longValue()) : JSON.numberNode(exact);
        } catch (ArithmeticException notIntegral) {
            return null;
        }
    }

    private static JsonNode number(JsonNode value) {
        if (value.isNumber()) {
            return value;
        }
        BigDecimal decimal = decimal(value);
        if (decimal == null) {
            return null;
        }
        return decimal.scale() <= 0 && value.asText().matches("-?\\d+") ? integer(value)
                : JSON.numberNode(decimal.doubleValue());
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.textValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static JsonNode bool(JsonNode value) {
        if (value.isBoolean()) {
            return value;
        }
        if (value.isTextual()) {
            String text = value.textValue().strip();
            if (text.equalsIgnoreCase("true")) {
                return JSON.booleanNode(true);
            }
            if (text.equalsIgnoreCase("false")) {
                return JSON.booleanNode(false);
            }
        }
        return null;
    }

    private static ObjectNode object(JsonNode value, JsonNode schema, String path, List<String> problems) {
        ObjectNode out = JSON.objectNode();
        JsonNode properties = schema.path("properties");
        boolean closed = schema.path("additionalProperties").isBoolean()
                && !schema.get("additionalProperties").booleanValue();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String child = path + "." + entry.getKey();
            if (properties.has(entry.getKey())) {
                out.set(entry.getKey(), value(entry.getValue(), properties.get(entry.getKey()), child, problems));
            } else if (closed) {
                problems.add(child + ": unexpected argument; expected one of "
                        + String.join(", ", iterable(properties.fieldNames())));
            } else {
                out.set(entry.getKey(), entry.getValue());
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(path + ": missing required argument \"" + required.asText() + "\"");
            }
        }
        return out;
    }

    private static ArrayNode array(ArrayNode value, JsonNode schema, String path, List<String> problems) {
        ArrayNode out = JSON.arrayNode();
        for (int i = 0; i < value.size(); i++) {
            out.add(value(value.get(i), schema.get("items"), path + "[" + i + "]", problems));
        }
        return out;
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
