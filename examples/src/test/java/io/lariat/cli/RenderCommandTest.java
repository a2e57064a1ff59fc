package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RenderCommandTest {
    @TempDir
    Path home;

    /** The spec's cases rendered with the official Llama 3.1 template (the shared vocabulary file carries it). */
    static List<Arguments> jinjaCases() throws Exception {
        Path file = Path.of(System.getProperty("lariat.shared.dir", "../../shared")).resolve("spec/cases/prompts.json");
        List<Arguments> cases = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            for (JsonNode c : Json.MAPPER.readTree(file.toFile())) {
                if (c.get("id").asText().startsWith("jinja31-")) {
                    cases.add(Arguments.of(c.get("id").asText(), c));
                }
            }
        }
        Assumptions.assumeFalse(cases.isEmpty(), "spec cases " + file + " are absent");
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jinjaCases")
    void printsThePromptExactlyAndItsIds(String id, JsonNode spec) throws Exception {
        String vocab = CliHarness.shared("llama31-vocab.gguf").toString();
        Path input = Files.writeString(home.resolve(id + ".json"), spec.get("inputs").toString());
        CliHarness.Result text = CliHarness.run(home, "render", "--model", vocab, "--input", input.toString());
        assertEquals(0, text.status(), text.err());
        assertEquals(spec.get("expected_prompt").asText(), text.out());
        if (spec.has("expected_token_ids")) {
            CliHarness.Result ids = CliHarness.run(home, "render", "--model", vocab, "--input", input.toString(),
                    "--ids");
            assertEquals(spec.get("expected_token_ids").toString() + "\n", ids.out());
        }
    }

    @Test
    void invalidJsonNamesTheFileAndPosition() throws Exception {
        Path input = Files.writeString(home.resolve("bad.json"), "{\"messages\": [");
        CliHarness.Result r = CliHarness.run(home, "render", "--model", "unused.gguf", "--input", input.toString());
        assertEquals(1, r.status());
        assertEquals(true, r.err().startsWith("lariat: " + input + " is not valid JSON: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void inputWithoutMessagesIsRejected() throws Exception {
        Path input = Files.writeString(home.resolve("empty.json"), "{}");
        CliHarness.Result r = CliHarness.run(home, "render", "--model", "unused.gguf", "--input", input.toString());
        assertEquals(1, r.status());
        assertEquals("lariat: " + input + ": expected an object with a \"messages\" array\n", r.err());
    }
}
