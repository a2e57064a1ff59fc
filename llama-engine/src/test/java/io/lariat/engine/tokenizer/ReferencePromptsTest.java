package io.lariat.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole prompts with literal special-token names against ids computed by independent references: llama.cpp for
 * the tiny models' golden files, and the spec's one-pass rendered prompts (shared data; skipped when absent).
 */
class ReferencePromptsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> referencePrompts() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        Path testdata = Llama3Vocabulary.sharedDir().resolve("testdata");
        for (String golden : List.of("tiny-llama31-q8_0.golden.json", "tiny-llama31-f32.golden.json")) {
            Path file = testdata.resolve(golden);
            if (Files.isRegularFile(file)) {
                int index = 0;
                for (JsonNode c : JSON.readTree(file.toFile()).get("cases")) {
                    cases.add(Arguments.of(golden + " #" + index++, c.get("prompt").asText(), ids(c.get("ref").get("prompt_ids"))));
                }
            }
        }
        Path prompts = Llama3Vocabulary.sharedDir().resolve("spec/cases/prompts.json");
        if (Files.isRegularFile(prompts)) {
            for (JsonNode c : JSON.readTree(prompts.toFile())) {
                // Only the cases tokenized in one pass; the others were encoded per segment (spec §2.1).
                if (c.has("expected_token_ids") && c.get("token_ids_note").asText().contains("in one pass")) {
                    cases.add(Arguments.of(c.get("id").asText(), c.get("expected_prompt").asText(), ids(c.get("expected_token_ids"))));
                }
            }
        }
        if (cases.isEmpty()) {
            cases.add(Arguments.of("shared data absent", "", new int[0]));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referencePrompts")
    void encodesPromptsWithSpecialsLikeTheReferences(String name, String prompt, int[] expected) {
        Tokenizer tokenizer = Llama3Vocabulary.tokenizer();
        assumeTrue(!prompt.isEmpty(), "reference prompts absent from the shared data");
        assertArrayEquals(expected, tokenizer.encodeWithSpecials(prompt));
        assertEquals(prompt, tokenizer.decode(expected));
    }

    private static int[] ids(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = array.get(i).asInt();
        }
        return ids;
    }
}
