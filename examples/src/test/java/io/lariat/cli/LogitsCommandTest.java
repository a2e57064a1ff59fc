package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogitsCommandTest {
    @TempDir
    Path home;

    @Test
    void givesTheTopLogitsOfEveryPositionHighestFirst() throws Exception {
        String model = CliHarness.shared("tiny-llama31-f32.gguf").toString();
        CliHarness.Result r = CliHarness.run(home, "logits", "--model", model, "--ids", "128000,791,6864",
                "--top-k", "3", "-t", "1");
        assertEquals(0, r.status(), r.err());
        JsonNode positions = Json.MAPPER.readTree(r.out()).get("positions");
        assertEquals(3, positions.size());
        for (JsonNode position : positions) {
            JsonNode top = position.get("top");
            assertEquals(3, top.size());
            assertEquals(true, top.get(0).get(1).asDouble() >= top.get(1).get(1).asDouble());
            assertEquals(true, top.get(1).get(1).asDouble() >= top.get(2).get(1).asDouble());
        }
    }

    @Test
    void anIdOutsideTheVocabularyIsRejected() {
        String model = CliHarness.shared("tiny-llama31-f32.gguf").toString();
        CliHarness.Result r = CliHarness.run(home, "logits", "--model", model, "--ids", "1,999999", "-t", "1");
        assertEquals(1, r.status());
        assertEquals("lariat: token id 999999 is outside the vocabulary (0..128255)\n", r.err());
    }

    @Test
    void idsThatAreNotNumbersAreAUsageError() {
        CliHarness.Result r = CliHarness.run(home, "logits", "--model", "m.gguf", "--ids", "1,x");
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
