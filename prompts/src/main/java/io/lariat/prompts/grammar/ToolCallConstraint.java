package io.lariat.prompts.grammar;

import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.ToolSpec;

import java.util.List;

/**
 * Lets the model answer in free text but makes every tool call it starts a call to a declared tool (spec §4, §6).
 *
 * <p>An assistant turn whose first non-whitespace byte is {@code {} is a JSON call and must follow
 * {@link ToolCallGrammar#jsonCalls}; after {@code <|python_tag|>} the body must follow
 * {@link ToolCallGrammar#taggedCalls}, unless code_interpreter is declared (its body is raw Python, left free).
 * Text may use no special token but the python tag (when tools are declared) and the stop ids. Immutable and
 * thread-safe; the masks of the leading position are computed once, by {@link #prepare()} or on first use.
 */
public final class ToolCallConstraint implements TokenConstraint {
    private final Tokenizer tokenizer;
    private final JsonSchemaGrammar json;
    private final JsonSchemaGrammar tagged;
    private final boolean freeCode;
    private final int[] stops;
    private final boolean[] textSpecial;
    private volatile long[] leading;

    private ToolCallConstraint(Tokenizer tokenizer, List<String> builtins, List<ToolSpec> custom, int[] stops) {
        this.tokenizer = tokenizer;
        this.json = custom.isEmpty() ? null : ToolCallGrammar.jsonCalls(custom);
        this.freeCode = builtins.contains(ToolCallGrammar.CODE_INTERPRETER);
        boolean anyTagged = custom.size() + builtins.stream().filter(b -> !b.equals(ToolCallGrammar.CODE_INTERPRETER))
                .count() > 0;
        this.tagged = anyTagged && !freeCode ? ToolCallGrammar.taggedCalls(builtins, custom) : null;
        this.stops = stops.clone();
        this.textSpecial = new boolean[tokenizer.vocabSize()];
        for (int stop : stops) {
            textSpecial[stop] = true;
        }
        if (!builtins.isEmpty() || !custom.isEmpty()) {
            textSpecial[SpecialTokens.PYTHON_TAG] = true;
        }
    }

    /**
     * The constraint for a turn that declares {@code builtins} (by name) and {@code custom} tools.
     *
     * @param stops the ids that end the turn (eom, eot, end_of_text)
     */
    public static ToolCallConstraint of(Tokenizer tokenizer, List<String> builtins, List<ToolSpec> custom,
                                        int... stops) {
        return new ToolCallConstraint(tokenizer, List.copyOf(builtins), List.copyOf(custom), stops);
    }

    @Override
    public Matcher start() {
        return new CallMatcher(this);
    }

    /** Builds the vocabulary trie and the masks of the turn's opening and of each call's start. */
    @Override
    public void prepare() {
        leadingMask();
        for (JsonSchemaGrammar grammar : new JsonSchemaGrammar[] {json, tagged}) {
            if (grammar != null) {
                grammar.masks(tokenizer).allowed(grammar.start());
            }
        }
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }

    boolean textAllows(int id) {
        return !tokenizer.isSpecial(id) || textSpecial[id];
    }

    /** Ordinary tokens that may open the turn: whitespace, text not starting with a brace, or a valid JSON call. */
    long[] leadingMask() {
        long[] mask = leading;
        if (mask == null) {
            mask = computeLeading();
            leading = mask;
        }
        return mask;
    }

    /** Whether the opening mask is computed (for tests). */
    boolean preparedLeading() {
        return leading != null;
    }

    private long[] computeLeading() {
        int size = tokenizer.vocabSize();
        long[] mask = new long[(size + 63) >>> 6];
        List<Stack> start = json == null ? List.of() : json.start();
        for (int id = 0; id < size; id++) {
            if (tokenizer.isSpecial(id)) {
                continue;
            }
            byte[] bytes = tokenizer.tokenBytes(id);
            int first = firstNonWhitespace(bytes);
            boolean ok = first == bytes.length || bytes[first] != '{'
                    || (json != null && !Stacks.advance(start, java.util.Arrays.copyOfRange(bytes, first,
                    bytes.length)).isEmpty());
            if (ok && bytes.length > 0) {
                mask[id >>> 6] |= 1L << id;
            }
        }
        return mask;
    }

    static int firstNonWhitespace(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\t' || bytes[i] == '\r')) {
            i++;
        }
        return i;
    }

    JsonSchemaGrammar json() {
        return json;
    }

    JsonSchemaGrammar tagged() {
        return tagged;
    }

    boolean freeCode() {
        return freeCode;
    }

    int[] stops() {
        return stops;
    }
}
