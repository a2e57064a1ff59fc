package io.lariat.prompts.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.TestTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The cached, trie-walked masks over the full Llama 3.1 vocabulary agree token by token with plain simulation. */
class TokenMasksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {"type":"object","properties":{"city":{"type":"string","maxLength":6},
             "unit":{"enum":["celsius","fahrenheit"]},"days":{"type":"integer","minimum":1,"maximum":14},
             "tags":{"type":"array","items":{"type":"string"}},"ratio":{"type":"number"}},
             "required":["city"],"additionalProperties":false}""";
    private static final String BOUNDED = """
            {"type":"object","properties":{"a":{"type":"string","minLength":20,"maxLength":36},
             "b":{"type":"string","maxLength":2},"c":{"type":"string","minLength":300}}}""";

    @ParameterizedTest(name = "after {0}")
    @ValueSource(strings = {"", "{", "{\"ci", "{\"city\": \"Par", "{\"city\":\"Paris\"", "{\"days\":1",
            "{\"tags\":[\"a\\", "{\"ratio\":-0.5e", "{\"unit\":\"fahr", "{\"city\":\"é"})
    void maskEqualsByteSimulationForEveryToken(String prefix) throws Exception {
        assertMaskEqualsSimulation(SCHEMA, prefix);
    }

    /** Length bounds are a counter over one shared string walk: every count, near a bound or far from it, is exact. */
    @ParameterizedTest(name = "after {0} less {1} bytes")
    @MethodSource("boundedStringPrefixes")
    void boundedStringMaskEqualsByteSimulationForEveryToken(String prefix, int cut) throws Exception {
        byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
        assertMaskEqualsSimulation(BOUNDED, Arrays.copyOf(bytes, bytes.length - cut));
    }

    /** Prefixes and how many bytes to cut from their end (to stop inside a UTF-8 character). */
    static List<Arguments> boundedStringPrefixes() {
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        return List.of(Arguments.of("{\"a\":\"", 0), Arguments.of("{\"a\":\"ab", 0),
                Arguments.of("{\"a\":\"" + letters.substring(0, 16), 0),
                Arguments.of("{\"a\":\"" + letters.substring(0, 19), 0),
                Arguments.of("{\"a\":\"" + letters.substring(0, 25), 0),
                Arguments.of("{\"a\":\"" + letters.substring(0, 30), 0),
                Arguments.of("{\"a\":\"" + letters.substring(0, 34) + "\\", 0),
                Arguments.of("{\"a\":\"abc\\u00", 0),
                Arguments.of("{\"a\":\"" + letters.substring(0, 33) + "\u00e8", 0),
                Arguments.of("{\"a\":\"" + letters.substring(0, 35) + "\u20ac", 1),
                Arguments.of("{\"b\":\"", 0), Arguments.of("{\"b\":\"a", 0), Arguments.of("{\"b\":\"ab", 0),
                Arguments.of("{\"c\":\"" + letters.repeat(8), 0));
    }

    private static void assertMaskEqualsSimulation(String schema, String prefix) throws Exception {
        assertMaskEqualsSimulation(schema, prefix.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertMaskEqualsSimulation(String schema, byte[] prefix) throws Exception {
        Tokenizer tokenizer = TestTokenizer.get();
        JsonSchemaGrammar grammar = JsonSchemaGrammar.compile(JSON.readTree(schema));
        TokenMasks masks = grammar.masks(tokenizer);
        List<Stack> stacks = Stacks.advance(grammar.start(), prefix);
        assertTrue(!stacks.isEmpty(), "prefix must be valid");
        long[] allowed = masks.allowed(stacks);
        List<Integer> mismatches = new ArrayList<>();
        for (int id = 0; id < tokenizer.vocabSize(); id++) {
            boolean expected = !tokenizer.isSpecial(id) && tokenizer.tokenBytes(id).length > 0
                    && !Stacks.advance(stacks, tokenizer.tokenBytes(id)).isEmpty();
            if (expected != ((allowed[id >>> 6] & 1L << id) != 0)) {
                mismatches.add(id);
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void preparingDoesTheFirstMaskSoTheGeneratingThreadFindsItDone() throws Exception {
        Tokenizer tokenizer = TestTokenizer.get();
        JsonSchemaGrammar grammar = JsonSchemaGrammar.compile(JSON.readTree(SCHEMA));
        TokenConstraint constraint = grammar.constraint(tokenizer, tokenizer.specialId("<|eot_id|>"));
        assertEquals(0, grammar.masks(tokenizer).cachedFrames());
        constraint.prepare();
        int prepared = grammar.masks(tokenizer).cachedFrames();
        assertTrue(prepared > 0, "prepare computed no mask");
        constraint.start().mask(new float[tokenizer.vocabSize()]);
        assertEquals(prepared, grammar.masks(tokenizer).cachedFrames());
        // one trie per vocabulary, whichever grammar asks first
        assertSame(JsonSchemaGrammar.jsonObject().masks(tokenizer).trie(), grammar.masks(tokenizer).trie());
    }

    @Test
    void specialTokensAreNeverAllowedInsideAndOnlyStopsAtTheEnd() throws Exception {
        Tokenizer tokenizer = TestTokenizer.get();
        int eot = tokenizer.specialId("<|eot_id|>");
        JsonSchemaGrammar grammar = JsonSchemaGrammar.compile(JSON.readTree("{\"type\":\"string\"}"));
        TokenConstraint.Matcher matcher = grammar.constraint(tokenizer, eot).start();
        float[] logits = new float[tokenizer.vocabSize()];
        matcher.mask(logits);
        for (int id = 128000; id < logits.length; id++) {
            assertEquals(Float.NEGATIVE_INFINITY, logits[id], "special id " + id);
        }
        for (int id : tokenizer.encode("\"done\"")) {
            matcher.accept(id);
        }
        float[] after = new float[tokenizer.vocabSize()];
        matcher.mask(after);
        List<Integer> allowed = new ArrayList<>();
        for (int id = 0; id < after.length; id++) {
            if (after[id] != Float.NEGATIVE_INFINITY) {
                allowed.add(id);
            }
        }
        assertEquals(List.of(eot), allowed);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> matcher.accept(tokenizer.encode("x")[0]));
        assertEquals("token id 87 cannot continue the constrained output", e.getMessage());
    }
}
