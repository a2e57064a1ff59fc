package io.lariat.prompts.grammar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.SplittableRandom;

/** Random JSON Schemas drawn from the keywords the grammar supports, nested at most three levels. */
final class RandomSchemas {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] NAMES = {"city", "unit", "query", "n", "é", "a\"b", "items", "x"};
    private final SplittableRandom random;

    RandomSchemas(long seed) {
        random = new SplittableRandom(seed);
    }

    ObjectNode next() {
        ObjectNode schema = schema(0);
        if (random.nextInt(4) == 0) {
            // a recursive list through $defs, referenced from a property
            ObjectNode root = object(0);
            ObjectNode node = JSON.objectNode().put("type", "object");
            node.putObject("properties").set("next", JSON.objectNode().set("anyOf", JSON.arrayNode()
                    .add(JSON.objectNode().put("$ref", "#/$defs/node")).add(JSON.objectNode().put("type", "null"))));
            node.withObject("properties").set("v", schema(2));
            node.putArray("required").add("next");
            node.put("additionalProperties", false);
            root.putObject("$defs").set("node", node);
            root.withObject("properties").set("list", JSON.objectNode().put("$ref", "#/$defs/node"));
            return root;
        }
        return schema;
    }

    private ObjectNode schema(int depth) {
        int kind = random.nextInt(depth >= 2 ? 7 : 10);
        return switch (kind) {
            case 0 -> string();
            case 1 -> integer();
            case 2 -> JSON.objectNode().put("type", "number");
            case 3 -> JSON.objectNode().put("type", random.nextBoolean() ? "boolean" : "null");
            case 4 -> enumeration();
            case 5 -> JSON.objectNode().set("const", random.nextBoolean() ? JSON.textNode("on") : JSON.numberNode(3));
            case 6 -> nullableString();
            case 7 -> object(depth);
            case 8 -> array(depth);
            default -> choice(depth);
        };
    }

    private static ObjectNode nullableString() {
        ObjectNode schema = JSON.objectNode().put("maxLength", 4);
        schema.set("type", JSON.arrayNode().add("string").add("null"));
        return schema;
    }

    private ObjectNode string() {
        ObjectNode schema = JSON.objectNode().put("type", "string");
        if (random.nextBoolean()) {
            schema.put("minLength", random.nextInt(3));
        }
        if (random.nextBoolean()) {
            schema.put("maxLength", 3 + random.nextInt(8));
        }
        return schema;
    }

    private ObjectNode integer() {
        ObjectNode schema = JSON.objectNode().put("type", "integer");
        if (random.nextBoolean()) {
            int min = random.nextInt(-50, 50);
            schema.put("minimum", min).put("maximum", min + random.nextInt(1000));
        }
        return schema;
    }

    private ObjectNode enumeration() {
        ArrayNode values = JSON.arrayNode().add("red").add("green");
        if (random.nextBoolean()) {
            values.add(7).addNull().add("gré\"en");
        }
        return (ObjectNode) JSON.objectNode().set("enum", values);
    }

    private ObjectNode object(int depth) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            properties.set(name, schema(depth + 1));
            if (random.nextBoolean() && !required.toString().contains("\"" + name.replace("\"", "\\\"") + "\"")) {
                required.add(name);
            }
        }
        schema.set("required", required);
        if (random.nextInt(3) > 0) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }

    private ObjectNode array(int depth) {
        ObjectNode schema = JSON.objectNode().put("type", "array");
        schema.set("items", schema(depth + 1));
        int min = random.nextInt(3);
        schema.put("minItems", min);
        schema.put("maxItems", min + random.nextInt(3));
        return schema;
    }

    private ObjectNode choice(int depth) {
        ArrayNode options = JSON.arrayNode().add(schema(depth + 1)).add(schema(depth + 1));
        return (ObjectNode) JSON.objectNode().set(random.nextBoolean() ? "anyOf" : "oneOf", options);
    }
}
