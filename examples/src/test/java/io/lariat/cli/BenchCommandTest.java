package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir
    Path home;

    @Test
    void reportsBothTestsAndJsonOnTheLastLine() throws Exception {
        String model = CliHarness.shared("tiny-llama31-q8_0.gguf").toString();
        CliHarness.Result r = CliHarness.run(home, "bench", "--model", model, "-p", "16", "-n", "4", "-t", "1",
                "--json");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(1).matches("\\| tiny-llama31-q8_0\\.gguf Q8_0 +\\| +25\\.4 MB \\| +16\\.5M \\| +1 \\| +pp16 "
                + "\\| +\\d+\\.\\d\\d \\|"), r.out());
        assertTrue(lines.get(2).matches(".* \\| +tg4 \\| +\\d+\\.\\d\\d \\|"), r.out());
        JsonNode json = Json.MAPPER.readTree(lines.getLast());
        assertEquals(1, json.get("threads").asInt());
        assertEquals("Q8_0", json.get("model_type").asText());
        assertTrue(json.get("prefill_tps").asDouble() > 0);
        assertTrue(json.get("decode_tps").asDouble() > 0);
        assertEquals("fast", json.get("precision").asText(), "the engine's default without --precision");
        assertTrue(json.get("kernel_bound_tps") == null, "measured only with --kernel-bound");
        assertTrue(json.get("mmap").asBoolean(), "weights are mapped without --no-mmap");
    }

    @Test
    void noMmapReadsTheWeightsIntoMemory() throws Exception {
        String model = CliHarness.shared("tiny-llama31-q8_0.gguf").toString();
        CliHarness.Result r = CliHarness.run(home, "bench", "--model", model, "-p", "8", "-n", "2", "-t", "1",
                "--no-mmap", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains(", no mmap)…"), r.err());
        JsonNode json = Json.MAPPER.readTree(r.out().lines().toList().getLast());
        assertFalse(json.get("mmap").asBoolean());
        assertTrue(json.get("prefill_tps").asDouble() > 0 && json.get("decode_tps").asDouble() > 0);
    }

    @Test
    void decodeOnlyAtDepthWithPrecision() throws Exception {
        String model = CliHarness.shared("tiny-llama31-q8_0.gguf").toString();
        CliHarness.Result r = CliHarness.run(home, "bench", "--model", model, "-p", "0", "-n", "2", "--depth", "8",
                "--precision", "exact", "-t", "1", "--json");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(1).matches(".* \\| +tg2 @ d8 \\| +\\d+\\.\\d\\d \\|"), r.out());
        JsonNode json = Json.MAPPER.readTree(lines.getLast());
        assertEquals(0, json.get("n_prompt").asInt());
        assertEquals(0.0, json.get("prefill_tps").asDouble());
        assertTrue(json.get("decode_tps").asDouble() > 0);
        assertEquals(8, json.get("depth").asInt());
        assertEquals("exact", json.get("precision").asText());
    }

    @Test
    void kernelBoundPrintsTheBoundAndDecodesShareOfIt() throws Exception {
        String model = CliHarness.shared("tiny-llama31-q8_0.gguf").toString();
        CliHarness.Result r = CliHarness.run(home, "bench", "--model", model, "-p", "0", "-n", "4", "-t", "2",
                "--kernel-bound", "--json");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(2).matches("kernel-only bound: \\d+\\.\\d\\d t/s \\(decode at \\d+% of it\\)"), r.out());
        JsonNode json = Json.MAPPER.readTree(lines.getLast());
        assertTrue(json.get("kernel_bound_tps").asDouble() > 0, lines.getLast());
        assertTrue(json.get("decode_tps").asDouble() > 0, lines.getLast());
    }

    @Test
    void unknownPrecisionIsOneLine() {
        CliHarness.Result r = CliHarness.run(home, "bench", "--synthetic", "1b", "--precision", "turbo");
        assertEquals(1, r.status());
        assertEquals("lariat: --precision: unknown precision 'turbo' (known: exact, fast)\n", r.err());
    }

    @Test
    void unknownSyntheticShapeIsOneLine() {
        CliHarness.Result r = CliHarness.run(home, "bench", "--synthetic", "5b");
        assertEquals(1, r.status());
        assertEquals("lariat: unknown synthetic model 5b (known: 1b, 3b, 8b)\n", r.err());
    }

    @Test
    void unknownWeightTypeIsOneLine() {
        CliHarness.Result r = CliHarness.run(home, "bench", "--synthetic", "1b", "--type", "q3_x");
        assertEquals(1, r.status());
        assertEquals("lariat: unknown weight type 'q3_x' (known: f32, f16, bf16, q8_0, q4_0)\n", r.err());
    }

    @Test
    void modelAndSyntheticExcludeEachOther() {
        CliHarness.Result r = CliHarness.run(home, "bench", "--synthetic", "1b", "--model", "x.gguf");
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aSyntheticRunAnnouncesTheModelFile() throws Exception {
        java.nio.file.Path cache = home.resolve("synthetic");
        java.nio.file.Files.createDirectories(cache);
        java.nio.file.Path file = cache.resolve("synthetic-llama-1b-q4_0.gguf");
        java.nio.file.Files.writeString(file, "not a model");
        CliHarness.Result r = CliHarness.run(home, "bench", "--synthetic", "1b", "--cache-dir", cache.toString());
        assertEquals("lariat: using the synthetic model " + file, r.err().lines().findFirst().orElseThrow());
        java.nio.file.Files.delete(file);
        assertEquals(file, io.lariat.engine.bench.SyntheticModels.path(cache, io.lariat.engine.bench.ModelShape
                .named("1b"), io.lariat.engine.gguf.GgmlType.Q4_0));
    }
}
