package io.lariat.prompts.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.prompts.grammar.SchemaRule.ObjectRule;
import io.lariat.prompts.grammar.SchemaRule.ObjectRuleData;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Compiles the object keywords of one schema: properties, required and additionalProperties. */
final class ObjectRules {
    private static final int MAX_PROPERTIES = 64;
    private final SchemaCompiler compiler;

    ObjectRules(SchemaCompiler compiler) {
        this.compiler = compiler;
    }

    ObjectRule compile(JsonNode schema, String at) {
        SchemaRule additional = additional(schema, at);
        List<String> names = new ArrayList<>();
        List<SchemaRule> values = new ArrayList<>();
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            if (!properties.isObject()) {
                throw new SchemaGrammarException(at, "'properties' must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                names.add(property.getKey());
                values.add(compiler.compile(property.getValue(), at + "/properties/" + escape(property.getKey())));
            }
        }
        long required = 0;
        for (String name : required(schema, at)) {
            int index = names.indexOf(name);
            if (index < 0) {
                if (additional == null) {
                    throw new SchemaGrammarException(at, "required property '" + name
                            + "' is not in 'properties' and additionalProperties is false");
                }
                // a required key outside 'properties' takes the additional rule, but must still be written
                names.add(name);
                values.add(additional);
                index = names.size() - 1;
            }
            if (index >= MAX_PROPERTIES) {
                break;
            }
            required |= 1L << index;
        }
        if (names.size() > MAX_PROPERTIES) {
            throw new SchemaGrammarException(at, "more than " + MAX_PROPERTIES + " properties are not supported");
        }
        byte[][] keys = names.stream().map(SchemaCompiler::keyBytes).toArray(byte[][]::new);
        return new ObjectRule(new ObjectRuleData(names.toArray(String[]::new), keys,
                values.toArray(SchemaRule[]::new), required, additional));
    }

    private SchemaRule additional(JsonNode schema, String at) {
        JsonNode additional = schema.get("additionalProperties");
        if (additional == null || (additional.isBoolean() && additional.booleanValue())) {
            return JsonSchemaGrammar.ANY_VALUE;
        }
        if (additional.isBoolean()) {
            return null;
        }
        return compiler.compile(additional, at + "/additionalProperties");
    }

    private static List<String> required(JsonNode schema, String at) {
        JsonNode required = schema.get("required");
        if (required == null) {
            return List.of();
        }
        if (!required.isArray()) {
            throw new SchemaGrammarException(at, "'required' must be an array of property names");
        }
        List<String> names = new ArrayList<>();
        required.forEach(name -> {
            String text = SchemaCompiler.text(name, at, "required");
            if (!names.contains(text)) {
                names.add(text);
            }
        });
        return names;
    }

    /** JSON pointer escaping (RFC 6901 §3). */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
