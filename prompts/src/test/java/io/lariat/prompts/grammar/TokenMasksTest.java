package io.lariat.prompts.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.TestTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
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

    @ParameterizedTest(name = "after {0}")
    @ValueSource(strings = {"", "{", "{\"ci", "{\"city\": \"Par", "{\"city\":\"Paris\"", "{\"days\":1",
            "{\"tags\":[\"a\\", "{\"ratio\":-0.5e", "{\"unit\":\"fahr", "{\"city\":\"é"})
    void maskEqualsByteSimulationForEveryToken(String prefix) throws Exception {
        Tokenizer tokenizer = TestTokenizer.get();
        JsonSchemaGrammar grammar = JsonSchemaGrammar.compile(JSON.readTree(SCHEMA));
        TokenMasks masks = grammar.masks(tokenizer);
        List<Stack> stacks = Stacks.advance(grammar.start(), prefix.getBytes(StandardCharsets.UTF_8));
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
