package io.lariat.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public API end to end on the shared tiny models: the file's tokenizer gives the golden prompt ids, and greedy
 * generation reproduces llama.cpp's ids up to the first near-tie (top-2 margin under 0.05).
 */
class LlamaEngineGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = "tiny-llama31-q8_0")
    void greedyGenerationReproducesReferenceIds(String name) throws IOException {
        Path testdata = Path.of(System.getProperty("lariat.shared.dir", "../../shared")).resolve("testdata");
        Path model = testdata.resolve(name + ".gguf");
        Path golden = testdata.resolve(name + ".golden.json");
        Assumptions.assumeTrue(Files.isRegularFile(model) && Files.isRegularFile(golden),
                "shared test data not found at " + testdata + "; set -Dlariat.shared.dir");
        JsonNode root = new ObjectMapper().readTree(golden.toFile());
        try (LlamaEngine engine = LlamaEngine.load(model, EngineOptions.builder().threads(2).build())) {
            for (JsonNode testCase : root.get("cases")) {
                int[] promptIds = ints(testCase.get("ref").get("prompt_ids"));
                assertArrayEquals(promptIds, engine.tokenizer().encodeWithSpecials(testCase.get("prompt").asText()));
                int[] expected = clearSteps(testCase.get("ref").get("steps"));
                try (EngineSession session = engine.newSession(256)) {
                    GenerationResult result = session.generate(GenerationRequest.builder(promptIds)
                            .maxTokens(expected.length).build(), TokenSink.IGNORE);
                    assertArrayEquals(expected, Arrays.copyOf(result.generatedIds(), expected.length),
                            testCase.get("prompt").asText());
                    // earlier cases leave their blocks cached: a shared start is reused, never evaluated twice
                    assertEquals(promptIds.length, result.stats().promptTokensEvaluated()
                            + result.stats().promptTokensReused());
                    assertTrue(result.stats().promptEval().toNanos() > 0);
                }
            }
        }
    }

    /** The reference ids up to (excluding) the first step whose exact top-2 margin is a near-tie. */
    private static int[] clearSteps(JsonNode steps) {
        int count = 0;
        while (count < steps.size()) {
            JsonNode top = steps.get(count).get("exact_top");
            boolean clear = top.get(0).get(1).asDouble() - top.get(1).get(1).asDouble() > 0.05
                    && top.get(0).get(0).asInt() == steps.get(count).get("id").asInt();
            if (!clear) {
                break;
            }
            count++;
        }
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = steps.get(i).get("id").asInt();
        }
        return ids;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
