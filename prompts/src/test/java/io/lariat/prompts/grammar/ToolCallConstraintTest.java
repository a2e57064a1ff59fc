package io.lariat.prompts.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.TestTokenizer;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.parse.ParsedTurn;
import io.lariat.prompts.parse.ToolCall;
import io.lariat.prompts.parse.ToolCallParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Free text stays free; every call the model starts is a call to a declared tool with well-shaped arguments. */
class ToolCallConstraintTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] STOPS = {SpecialTokens.END_OF_TEXT, SpecialTokens.EOM, SpecialTokens.EOT};

    private static ToolCallConstraint constraint(Tokenizer tokenizer) throws Exception {
        ToolSpec weather = new ToolSpec("get_weather", null, JSON.readTree("""
                {"type":"object","properties":{"city":{"type":"string"},"unit":{"enum":["celsius","fahrenheit"]}},
                 "required":["city"]}"""));
        return ToolCallConstraint.of(tokenizer, List.of("brave_search"), List.of(weather), STOPS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "plain answer | `The weather in Paris is mild.` | -1",
            "declared JSON call | `{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}` | -1",
            "call after newlines | `\n\n{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Oslo\", \"unit\": \"celsius\"}}` | -1",
            "undeclared JSON call | `{\"name\": \"code_interpreter\", \"parameters\": {}}` | 4",
            "wrong argument type | `{\"name\": \"get_weather\", \"parameters\": {\"city\": 12}}` | 14",
            "unknown enum value | `{\"name\": \"get_weather\", \"parameters\": {\"city\": \"x\", \"unit\": \"kelvin\"}}` | 20",
            "braces inside text | `Use {curly} braces.` | -1"})
    void textIsFreeAndJsonCallsNameDeclaredTools(String name, String output, int firstRefused) throws Exception {
        Tokenizer tokenizer = TestTokenizer.get();
        int[] ids = tokenizer.encode(output);
        assertEquals(firstRefused, firstRefused(constraint(tokenizer).start(), ids, SpecialTokens.EOT), name);
    }

    @Test
    void preparingComputesTheOpeningAndEachCallsFirstMask() throws Exception {
        Tokenizer tokenizer = TestTokenizer.get();
        ToolCallConstraint constraint = constraint(tokenizer);
        assertEquals(0, constraint.json().masks(tokenizer).cachedFrames());
        assertEquals(0, constraint.tagged().masks(tokenizer).cachedFrames());
        constraint.prepare();
        assertTrue(constraint.json().masks(tokenizer).cachedFrames() > 0, "JSON call start not prepared");
        assertTrue(constraint.tagged().masks(tokenizer).cachedFrames() > 0, "tagged call start not prepared");
        assertTrue(constraint.preparedLeading(), "opening mask not prepared");
    }

    @Test
    void taggedCallsAreDeclaredBuiltinsWithTheirArgumentName() throws Exception {
        Tokenizer tokenizer = TestTokenizer.get();
        ToolCallConstraint constraint = constraint(tokenizer);
        int[] good = concat(SpecialTokens.PYTHON_TAG, tokenizer.encode("brave_search.call(query=\"gold price\")"));
        assertEquals(-1, firstRefused(constraint.start(), good, SpecialTokens.EOM));
        int[] undeclared = concat(SpecialTokens.PYTHON_TAG, tokenizer.encode("wolfram_alpha.call(query=\"2+2\")"));
        assertTrue(firstRefused(constraint.start(), undeclared, SpecialTokens.EOM) > 0);
        int[] wrongArgument = concat(SpecialTokens.PYTHON_TAG, tokenizer.encode("brave_search.call(q=\"x\")"));
        assertTrue(firstRefused(constraint.start(), wrongArgument, SpecialTokens.EOM) > 0);
    }

    @Test
    void randomRunsNeverProduceACallToAnUndeclaredTool() throws Exception {
        Tokenizer tokenizer = TestTokenizer.get();
        ToolCallConstraint constraint = constraint(tokenizer);
        Set<String> declared = Set.of("get_weather", "brave_search");
        int calls = 0;
        for (int seed = 0; seed < 20; seed++) {
            String text = CallRuns.run(constraint, tokenizer, seed, 80);
            ParsedTurn turn = ToolCallParser.parse(text);
            for (ToolCall call : turn.calls()) {
                assertTrue(declared.contains(call.name()), text);
                calls++;
            }
        }
        assertTrue(calls >= 5, "the stand-in model opened only " + calls + " calls");
    }

    /** Index of the first id the matcher refuses, or -1 when all ids and then {@code stop} are allowed. */
    static int firstRefused(TokenConstraint.Matcher matcher, int[] ids, int stop) {
        List<Integer> all = new ArrayList<>();
        for (int id : ids) {
            all.add(id);
        }
        all.add(stop);
        for (int i = 0; i < all.size(); i++) {
            float[] logits = new float[128256];
            matcher.mask(logits);
            if (logits[all.get(i)] == Float.NEGATIVE_INFINITY) {
                return i;
            }
            matcher.accept(all.get(i));
        }
        return -1;
    }

    private static int[] concat(int first, int[] rest) {
        int[] out = new int[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
