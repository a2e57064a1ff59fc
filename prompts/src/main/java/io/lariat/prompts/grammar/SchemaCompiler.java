package io.lariat.prompts.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.lariat.prompts.grammar.SchemaRule.ArrayRule;
import io.lariat.prompts.grammar.SchemaRule.ChoiceRule;
import io.lariat.prompts.grammar.SchemaRule.LiteralRule;
import io.lariat.prompts.grammar.SchemaRule.NumberRule;
import io.lariat.prompts.grammar.SchemaRule.RefRule;
import io.lariat.prompts.grammar.SchemaRule.StringRule;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles one JSON Schema document to {@link SchemaRule}s. Single use, not thread-safe. */
final class SchemaCompiler {
    static final Set<String> SUPPORTED = Set.of("type", "properties", "required", "additionalProperties", "enum",
            "const", "items", "minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "anyOf",
            "oneOf", "$ref", "$defs", "definitions");
    /** Keywords that only annotate: they never change which documents are valid. */
    static final Set<String> ANNOTATIONS = Set.of("description", "title", "default", "examples", "$comment",
            "$schema", "$id", "deprecated", "readOnly", "writeOnly");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL_TYPES = List.of("object", "array", "string", "number", "boolean", "null");

    private final JsonNode root;
    private final Set<String> ignored;
    private final Map<String, RefRule> refs = new HashMap<>();

    SchemaCompiler(JsonNode root, Set<String> ignored) {
        this.root = root;
        this.ignored = ignored;
    }

    /** The root rule, with every reference resolved and checked for cycles that never produce a byte. */
    SchemaRule compileRoot() {
        SchemaRule rule = compile(root, "#");
        // resolving may add references, so loop until every one has a target
        List<RefRule> pending = new ArrayList<>(refs.values());
        while (!pending.isEmpty()) {
            for (RefRule ref : pending) {
                JsonNode target = ref.ref.equals("#") ? root : root.at(ref.ref.substring(1));
                if (target.isMissingNode()) {
                    throw new SchemaGrammarException(ref.ref, "$ref target does not exist");
                }
                ref.target = compile(target, ref.ref);
            }
            pending = refs.values().stream().filter(r -> r.target == null).toList();
        }
        RuleCycles.check(rule);
        return rule;
    }

    SchemaRule compile(JsonNode schema, String at) {
        if (schema.isBoolean()) {
            if (!schema.booleanValue()) {
                throw new SchemaGrammarException(at, "schema false accepts no value");
            }
            return JsonSchemaGrammar.ANY_VALUE;
        }
        if (!schema.isObject()) {
            throw new SchemaGrammarException(at, "a schema must be an object or a boolean, got " + schema.getNodeType());
        }
        checkKeywords(schema, at);
        if (schema.has("$ref")) {
            only(schema, at, "$ref");
            String ref = text(schema.get("$ref"), at, "$ref");
            if (!ref.startsWith("#")) {
                throw new SchemaGrammarException(at, "only local $ref (starting with #) is supported, got " + ref);
            }
            return refs.computeIfAbsent(ref, RefRule::new);
        }
        String alternatives = schema.has("anyOf") ? "anyOf" : schema.has("oneOf") ? "oneOf" : null;
        if (alternatives != null) {
            only(schema, at, alternatives);
            return choice(schema.get(alternatives), at + "/" + alternatives);
        }
        if (schema.has("enum") || schema.has("const")) {
            return literals(schema, at);
        }
        List<SchemaRule> options = new ArrayList<>();
        for (String type : types(schema, at)) {
            options.add(typed(type, schema, at));
        }
        return options.size() == 1 ? options.getFirst() : new ChoiceRule(options.toArray(SchemaRule[]::new));
    }

    private void checkKeywords(JsonNode schema, String at) {
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SUPPORTED.contains(name) && !ANNOTATIONS.contains(name) && !ignored.contains(name)) {
                throw new SchemaGrammarException(at, "unsupported JSON Schema keyword '" + name + "'");
            }
        }
        if (schema.has("enum") && schema.has("const")) {
            throw new SchemaGrammarException(at, "'enum' and 'const' together are not supported");
        }
    }

    /** Refuses constraining keywords beside {@code keyword} (their intersection is not supported). */
    private static void only(JsonNode schema, String at, String keyword) {
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(keyword) && SUPPORTED.contains(name) && !name.equals("$defs")
                    && !name.equals("definitions")) {
                throw new SchemaGrammarException(at, "keyword '" + name + "' beside '" + keyword
                        + "' is not supported");
            }
        }
    }

    private SchemaRule choice(JsonNode options, String at) {
        if (!options.isArray() || options.isEmpty()) {
            throw new SchemaGrammarException(at, "must be a non-empty array of schemas");
        }
        SchemaRule[] rules = new SchemaRule[options.size()];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = compile(options.get(i), at + "/" + i);
        }
        return rules.length == 1 ? rules[0] : new ChoiceRule(rules);
    }

    private SchemaRule literals(JsonNode schema, String at) {
        List<JsonNode> values = new ArrayList<>();
        if (schema.has("const")) {
            values.add(schema.get("const"));
        } else if (schema.get("enum").isArray()) {
            schema.get("enum").forEach(values::add);
        } else {
            throw new SchemaGrammarException(at, "'enum' must be an array");
        }
        List<String> types = schema.has("type") ? types(schema, at) : ALL_TYPES;
        List<byte[]> encoded = new ArrayList<>();
        for (JsonNode value : values) {
            if (types.contains(typeOf(value)) || (typeOf(value).equals("integer") && types.contains("number"))) {
                encoded.add(value.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (encoded.isEmpty()) {
            throw new SchemaGrammarException(at, "no value of 'enum'/'const' matches 'type'");
        }
        return new LiteralRule(encoded.toArray(byte[][]::new));
    }

    private static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            default -> "unknown";
        };
    }

    private static List<String> types(JsonNode schema, String at) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return ALL_TYPES;
        }
        List<String> names = new ArrayList<>();
        if (type.isTextual()) {
            names.add(type.textValue());
        } else if (type.isArray() && !type.isEmpty()) {
            type.forEach(t -> names.add(text(t, at, "type")));
        } else {
            throw new SchemaGrammarException(at, "'type' must be a type name or a non-empty array of them");
        }
        for (String name : names) {
            if (!ALL_TYPES.contains(name) && !name.equals("integer")) {
                throw new SchemaGrammarException(at, "unknown type '" + name + "'");
            }
        }
        return names;
    }

    private SchemaRule typed(String type, JsonNode schema, String at) {
        return switch (type) {
            case "object" -> new ObjectRules(this).compile(schema, at);
            case "array" -> array(schema, at);
            case "string" -> new StringRule(count(schema, "minLength", at, 0),
                    count(schema, "maxLength", at, SchemaRule.UNBOUNDED));
            case "integer" -> integer(schema, at);
            case "number" -> number(schema, at);
            case "boolean" -> JsonSchemaGrammar.BOOLEAN;
            default -> JsonSchemaGrammar.NULL;
        };
    }

    private SchemaRule array(JsonNode schema, String at) {
        int min = count(schema, "minItems", at, 0);
        int max = count(schema, "maxItems", at, SchemaRule.UNBOUNDED);
        if (min > max) {
            throw new SchemaGrammarException(at, "minItems " + min + " exceeds maxItems " + max);
        }
        JsonNode items = schema.get("items");
        if (items != null && items.isArray()) {
            throw new SchemaGrammarException(at + "/items", "tuple 'items' (an array of schemas) is not supported");
        }
        SchemaRule rule = items == null ? JsonSchemaGrammar.ANY_VALUE : compile(items, at + "/items");
        return new ArrayRule(rule, min, max);
    }

    private static SchemaRule integer(JsonNode schema, String at) {
        long min = bound(schema, "minimum", at, true);
        long max = bound(schema, "maximum", at, false);
        if (min > max) {
            throw new SchemaGrammarException(at, "minimum " + min + " exceeds maximum " + max);
        }
        long limit = 999_999_999_999_999L;
        if (min > limit || max < -limit) {
            throw new SchemaGrammarException(at, "bounds beyond 15 digits are not supported");
        }
        return new NumberRule(true, min, max);
    }

    private static SchemaRule number(JsonNode schema, String at) {
        for (String keyword : List.of("minimum", "maximum")) {
            if (schema.has(keyword)) {
                throw new SchemaGrammarException(at, "'" + keyword + "' is supported only with type integer");
            }
        }
        return new NumberRule(false, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static long bound(JsonNode schema, String keyword, String at, boolean lower) {
        JsonNode value = schema.get(keyword);
        if (value == null) {
            return lower ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (!value.isNumber()) {
            throw new SchemaGrammarException(at, "'" + keyword + "' must be a number");
        }
        double v = value.doubleValue();
        double rounded = lower ? Math.ceil(v) : Math.floor(v);
        return (long) Math.max(-1e15, Math.min(1e15, rounded));
    }

    static int count(JsonNode schema, String keyword, String at, int absent) {
        JsonNode value = schema.get(keyword);
        if (value == null) {
            return absent;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
            throw new SchemaGrammarException(at, "'" + keyword + "' must be a non-negative integer");
        }
        return value.intValue();
    }

    static String text(JsonNode value, String at, String keyword) {
        if (value == null || !value.isTextual()) {
            throw new SchemaGrammarException(at, "'" + keyword + "' must be a string");
        }
        return value.textValue();
    }

    /** The bytes of {@code name} as a JSON string, without the opening quote and with the closing one. */
    static byte[] keyBytes(String name) {
        String quoted = TextNode.valueOf(name).toString();
        return quoted.substring(1).getBytes(StandardCharsets.UTF_8);
    }

    static ObjectMapper json() {
        return JSON;
    }
}
