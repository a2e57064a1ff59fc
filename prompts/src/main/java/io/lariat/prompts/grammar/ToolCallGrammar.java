package io.lariat.prompts.grammar;

import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.grammar.SchemaRule.ChoiceRule;
import io.lariat.prompts.grammar.SchemaRule.LiteralRule;
import io.lariat.prompts.grammar.SchemaRule.ObjectRule;
import io.lariat.prompts.grammar.SchemaRule.ObjectRuleData;
import io.lariat.prompts.grammar.SchemaRule.SequenceRule;
import io.lariat.prompts.grammar.SchemaRule.StringRule;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Grammars of Llama 3.1 tool calls (spec §4.2, §6) restricted to the declared tools.
 *
 * <p>A JSON call is {@code {"name": NAME, "parameters": ARGS}} (members in any order, an optional
 * {@code "type": "function"}), where NAME is a declared custom tool and ARGS matches its parameter schema. Keywords
 * the grammar cannot express but the tool's own argument validation checks ({@code format}, {@code pattern},
 * {@code uniqueItems}) are ignored; a parameter schema that still cannot be compiled constrains its arguments to any
 * JSON object. A builtin call is {@code NAME.call(query="...")} for a declared brave_search or wolfram_alpha.
 * Immutable; build once per tool set.
 */
public final class ToolCallGrammar {
    /** The builtin whose body after the tag is raw Python, never constrained. */
    public static final String CODE_INTERPRETER = "code_interpreter";
    private static final Set<String> TOOL_CHECKED = Set.of("format", "pattern", "uniqueItems");

    private ToolCallGrammar() {
    }

    /**
     * A JSON call to one of {@code custom}.
     *
     * @throws IllegalArgumentException when {@code custom} is empty
     */
    public static JsonSchemaGrammar jsonCalls(List<ToolSpec> custom) {
        if (custom.isEmpty()) {
            throw new IllegalArgumentException("no custom tools to call");
        }
        return new JsonSchemaGrammar(jsonCallRule(custom));
    }

    /**
     * What may follow {@code <|python_tag|>}: a builtin call to one of {@code builtins} (code_interpreter excluded:
     * raw code is not constrained) or a JSON call to one of {@code custom}.
     *
     * @throws IllegalArgumentException when neither list names a tool this grammar can express
     */
    public static JsonSchemaGrammar taggedCalls(List<String> builtins, List<ToolSpec> custom) {
        List<SchemaRule> options = new ArrayList<>();
        for (String builtin : builtins) {
            if (!builtin.equals(CODE_INTERPRETER)) {
                options.add(new SequenceRule(new SchemaRule[] {literal(builtin + ".call(query="),
                        new StringRule(0, SchemaRule.UNBOUNDED), literal(")")}));
            }
        }
        if (!custom.isEmpty()) {
            options.add(jsonCallRule(custom));
        }
        if (options.isEmpty()) {
            throw new IllegalArgumentException("no tools to call after the python tag");
        }
        return new JsonSchemaGrammar(options.size() == 1 ? options.getFirst()
                : new ChoiceRule(options.toArray(SchemaRule[]::new)));
    }

    private static SchemaRule jsonCallRule(List<ToolSpec> custom) {
        SchemaRule[] calls = new SchemaRule[custom.size()];
        for (int i = 0; i < calls.length; i++) {
            ToolSpec tool = custom.get(i);
            String[] names = {"name", "parameters", "type"};
            SchemaRule[] values = {literal(quoted(tool.name())), arguments(tool), literal("\"function\"")};
            byte[][] keys = {SchemaCompiler.keyBytes("name"), SchemaCompiler.keyBytes("parameters"),
                    SchemaCompiler.keyBytes("type")};
            calls[i] = new ObjectRule(new ObjectRuleData(names, keys, values, 0b011, null));
        }
        return calls.length == 1 ? calls[0] : new ChoiceRule(calls);
    }

    private static SchemaRule arguments(ToolSpec tool) {
        try {
            return JsonSchemaGrammar.compile(tool.parameters(), TOOL_CHECKED).root();
        } catch (SchemaGrammarException e) {
            return JsonSchemaGrammar.jsonObject().root();
        }
    }

    private static String quoted(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }

    private static LiteralRule literal(String text) {
        return new LiteralRule(new byte[][] {text.getBytes(StandardCharsets.UTF_8)});
    }
}
