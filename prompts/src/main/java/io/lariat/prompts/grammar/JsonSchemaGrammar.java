package io.lariat.prompts.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.grammar.SchemaRule.ArrayRule;
import io.lariat.prompts.grammar.SchemaRule.ChoiceRule;
import io.lariat.prompts.grammar.SchemaRule.LiteralRule;
import io.lariat.prompts.grammar.SchemaRule.NumberRule;
import io.lariat.prompts.grammar.SchemaRule.ObjectRule;
import io.lariat.prompts.grammar.SchemaRule.ObjectRuleData;
import io.lariat.prompts.grammar.SchemaRule.StringRule;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A JSON Schema compiled to a byte-level pushdown automaton, ready to constrain generation to documents the schema
 * accepts.
 *
 * <p><b>Supported keywords</b>: {@code type} (object, array, string, number, integer, boolean, null, or a list of
 * them), {@code properties}, {@code required}, {@code additionalProperties} (false, true or a schema),
 * {@code enum}, {@code const}, {@code items} (one schema), {@code minItems}, {@code maxItems}, {@code minLength},
 * {@code maxLength}, {@code minimum}/{@code maximum} with type integer, {@code anyOf}, {@code oneOf} (enforced as
 * anyOf: an output matching several branches is allowed), and local {@code $ref} into {@code $defs},
 * {@code definitions} or any JSON pointer, recursive or not. Annotations (description, title, default, examples,
 * $comment, $schema, $id, deprecated, readOnly, writeOnly) are ignored. Any other keyword is a
 * {@link SchemaGrammarException} naming it, never silently dropped; so is a constraining keyword beside
 * {@code $ref}, {@code anyOf} or {@code oneOf}.
 *
 * <p><b>Output shape</b>: enum and const values are written in compact JSON ({@code {"a":1}}); object members in any
 * order, each declared property at most once (other keys, allowed by {@code additionalProperties}, are not
 * checked for repeats: that would make every key a distinct automaton state); numbers with at most 15 digits before and after the point and 3 in the exponent;
 * strings as well-formed UTF-8 with JSON escapes. Between tokens at most one space, or one newline followed by at
 * most {@value Frame#MAX_INDENT} spaces or tabs, so a model cannot loop on whitespace; nothing may follow the
 * complete document but a stop id.
 *
 * <p>Immutable and thread-safe. Mask caches live with the grammar, per vocabulary, and are shared by every
 * generation that uses it.
 */
public final class JsonSchemaGrammar {
    static final LiteralRule BOOLEAN = literals("true", "false");
    static final LiteralRule NULL = literals("null");
    /** Any JSON value (schema {@code true}). */
    static final ChoiceRule ANY_VALUE = new ChoiceRule(new SchemaRule[0]);
    private static final ObjectRule ANY_OBJECT = new ObjectRule(new ObjectRuleData(new String[0], new byte[0][],
            new SchemaRule[0], 0, ANY_VALUE));

    static {
        ANY_VALUE.options = new SchemaRule[] {ANY_OBJECT, new ArrayRule(ANY_VALUE, 0, SchemaRule.UNBOUNDED),
                new StringRule(0, SchemaRule.UNBOUNDED), new NumberRule(false, Long.MIN_VALUE, Long.MAX_VALUE),
                BOOLEAN, NULL};
    }

    private static final JsonSchemaGrammar JSON_OBJECT = new JsonSchemaGrammar(ANY_OBJECT);

    private final SchemaRule root;
    private final Map<TokenTrie, TokenMasks> masks = new WeakHashMap<>();

    JsonSchemaGrammar(SchemaRule root) {
        this.root = root;
    }

    /**
     * Compiles a schema.
     *
     * @throws SchemaGrammarException for an unsupported keyword, a malformed keyword value, a missing or endlessly
     *         recursive {@code $ref}, or a schema no value satisfies (such as {@code false} or an empty enum)
     */
    public static JsonSchemaGrammar compile(JsonNode schema) {
        return compile(schema, Set.of());
    }

    /**
     * Compiles a schema, ignoring the named keywords as if they were annotations (for tool schemas whose
     * {@code format} or {@code pattern} the tool checks itself).
     *
     * @throws SchemaGrammarException as {@link #compile(JsonNode)}
     */
    public static JsonSchemaGrammar compile(JsonNode schema, Set<String> ignoredKeywords) {
        Objects.requireNonNull(schema, "schema");
        return new JsonSchemaGrammar(new SchemaCompiler(schema, Set.copyOf(ignoredKeywords)).compileRoot());
    }

    /** Documents that match {@code first} or {@code second}. */
    public static JsonSchemaGrammar either(JsonSchemaGrammar first, JsonSchemaGrammar second) {
        return new JsonSchemaGrammar(new ChoiceRule(new SchemaRule[] {first.root, second.root}));
    }

    /** Any JSON object (JSON mode: Ollama {@code format: "json"}, OpenAI {@code json_object}). */
    public static JsonSchemaGrammar jsonObject() {
        return JSON_OBJECT;
    }

    /**
     * This grammar over {@code tokenizer}'s vocabulary: special tokens are never allowed inside the document, and
     * once it is complete only {@code stopIds} are.
     */
    public TokenConstraint constraint(Tokenizer tokenizer, int... stopIds) {
        return new Bound(tokenizer, stopIds.clone(), start());
    }

    /** A matcher at the start of this grammar. */
    GrammarMatcher matcher(Tokenizer tokenizer, int[] stopIds) {
        return new GrammarMatcher(masks(tokenizer), stopIds.clone(), start());
    }

    /**
     * This grammar over {@code tokenizer}'s vocabulary, with the output already started by {@code prefix} (text the
     * prompt forced, such as {@code {"name": "}); as {@link #constraint(Tokenizer, int...)} otherwise.
     *
     * @throws IllegalArgumentException when {@code prefix} cannot start a valid document
     */
    public TokenConstraint constraintAfter(String prefix, Tokenizer tokenizer, int... stopIds) {
        List<Stack> after = Stacks.advance(start(), prefix.getBytes(StandardCharsets.UTF_8));
        if (after.isEmpty()) {
            throw new IllegalArgumentException("the forced start '" + prefix + "' cannot begin a valid output");
        }
        return new Bound(tokenizer, stopIds.clone(), after);
    }

    /** This grammar over one vocabulary, from a start position. */
    private final class Bound implements TokenConstraint {
        private final Tokenizer tokenizer;
        private final int[] stops;
        private final List<Stack> from;

        Bound(Tokenizer tokenizer, int[] stops, List<Stack> from) {
            this.tokenizer = tokenizer;
            this.stops = stops;
            this.from = from;
        }

        @Override
        public Matcher start() {
            return new GrammarMatcher(masks(tokenizer), stops, from);
        }

        @Override
        public void prepare() {
            masks(tokenizer).allowed(from);
        }
    }

    /** The root rule, for grammars built around this one (tool calls). */
    SchemaRule root() {
        return root;
    }

    TokenMasks masks(Tokenizer tokenizer) {
        TokenTrie trie = TokenTrie.of(tokenizer);
        synchronized (masks) {
            return masks.computeIfAbsent(trie, TokenMasks::new);
        }
    }

    List<Stack> start() {
        return List.of(new Stack(new ValueFrame(root, 0), Stack.END));
    }

    private static LiteralRule literals(String... values) {
        byte[][] bytes = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        return new LiteralRule(bytes);
    }
}
