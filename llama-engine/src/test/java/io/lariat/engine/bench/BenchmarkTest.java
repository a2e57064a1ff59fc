package io.lariat.engine.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.engine.Precision;
import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufTensorInfo;
import io.lariat.engine.kernels.PackedRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkTest {
    private static final ModelShape TINY = new ModelShape("tiny", 64, 128, 2, 4, 2, 500, 4096, 8f, true);
    /** The narrowest shape whose matrices the fast path packs (rows of 1,024 columns; TINY's would stay exact). */
    private static final ModelShape WIDE = new ModelShape("wide", 1024, 1024, 1, 8, 2, 500, 4096, 8f, true);

    @TempDir
    Path cache;

    @Test
    void syntheticRunReportsRatesAndModelFacts() {
        BenchOptions options = new BenchOptions(null, TINY, GgmlType.Q8_0, cache,
                16, 4, 2, 1, 0, Precision.EXACT, false, true);
        BenchReport report = Benchmark.run(options);
        Path written = cache.resolve("synthetic-llama-tiny-q8_0.gguf");
        assertTrue(Files.isRegularFile(written));
        assertEquals(written.toString(), report.model());
        assertEquals("Q8_0", report.modelType());
        assertEquals(TINY.parameters() + TINY.headDim() / 2, report.parameters());
        assertEquals(2, report.threads());
        assertTrue(report.prefillTps() > 0 && report.decodeTps() > 0, report.toJson());
        assertTrue(report.toJson().matches("\\{\"model\":\".*\",\"model_type\":\"Q8_0\",\"model_size\":\\d+,"
                + "\"model_params\":\\d+,\"threads\":2,\"n_prompt\":16,\"n_gen\":4,\"prefill_tps\":[0-9.]+,"
                + "\"decode_tps\":[0-9.]+,\"load_s\":[0-9.]+,\"depth\":0,\"precision\":\"exact\",\"mmap\":true}"),
                report.toJson());
    }

    @Test
    void decodeOnlyAtDepthOnTheFastPath() throws IOException {
        BenchOptions options = new BenchOptions(null, WIDE, GgmlType.Q4_0, cache,
                0, 4, 2, 1, 40, Precision.FAST, false, false);
        BenchReport report = Benchmark.run(options);
        assertEquals(0.0, report.prefillTps());
        assertTrue(report.decodeTps() > 0, report.toJson());
        assertTrue(report.toJson().contains("\"n_prompt\":0,") && report.toJson().endsWith(",\"depth\":40,"
                + "\"precision\":\"fast\",\"mmap\":false}"), report.toJson());
        try (Stream<Path> files = Files.list(cache)) {
            long packed = files.filter(f -> f.getFileName().toString().endsWith(".packed")).count();
            assertEquals(PackedRows.supports(GgmlType.Q4_0) ? 1 : 0, packed, "packed copies next to the model");
        }
    }

    @Test
    void kernelBoundIsMeasuredOnRequest() {
        BenchOptions options = new BenchOptions(null, WIDE, GgmlType.Q4_0, cache,
                0, 4, 2, 2, 0, Precision.FAST, true, true);
        BenchReport report = Benchmark.run(options);
        assertTrue(report.kernelBoundTps() > 0 && report.decodeTps() > 0, report.toJson());
        assertTrue(report.toJson().matches(".*,\"precision\":\"fast\",\"mmap\":true,\"kernel_bound_tps\":[0-9.]+\\}"),
                report.toJson());
    }

    @Test
    void negativeDepthIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BenchOptions(null, TINY, GgmlType.Q4_0, cache, 0, 4, 2, 1, -1, Precision.EXACT, false, true));
        assertEquals("prompt tokens and depth must not be negative", e.getMessage());
    }

    @Test
    void syntheticModelHasTheRealShapeTensors() {
        Path file = SyntheticModels.cached(cache, TINY, GgmlType.Q4_0);
        try (GgufFile gguf = GgufFile.open(file)) {
            assertEquals(1 + 1 + 9 * TINY.layers() + 1, gguf.tensors().size());
            GgufTensorInfo embedding = gguf.tensor("token_embd.weight").orElseThrow();
            assertEquals(GgmlType.Q4_0, embedding.type());
            assertArrayEquals(new long[] {64, 500}, embedding.shape());
            assertTrue(gguf.tensor("output.weight").isEmpty());
            assertEquals(500, gguf.metadata().integer("llama.vocab_size"));
        }
    }

    @Test
    void ropeFactorsFollowLlama31Scaling() {
        float[] factors = SyntheticModels.ropeFactors(128, 500000f, 8f);
        assertEquals(1f, factors[0]);
        assertEquals(8f, factors[63]);
        for (int i = 1; i < factors.length; i++) {
            assertTrue(factors[i] >= factors[i - 1]);
        }
    }

    @Test
    void realShapesAreNamed() {
        assertEquals(2048, ModelShape.named("1B").dim());
        assertEquals(28, ModelShape.named("3b").layers());
        assertEquals(14336, ModelShape.named("8b").hiddenDim());
        assertThrows(IllegalArgumentException.class, () -> ModelShape.named("70b"));
    }

    @Test
    void kQuantSyntheticTypeIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticModels.write(cache.resolve("x.gguf"), TINY, GgmlType.Q4_K, 1));
    }
}
