package io.lariat.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.engine.Precision;
import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufWriter;
import io.lariat.engine.kernels.MatrixKernel;
import io.lariat.engine.kernels.RandomWeights;
import io.lariat.engine.kernels.ReferenceKernels;
import io.lariat.engine.kernels.WorkerPool;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whole-model differential tests: a model whose matrices are stored in a quantized type against the F32 model
 * holding exactly their dequantized values (ggml's reference dequantizers), both written by {@link GgufWriter}.
 */
class QuantizedModelTest {
    /** Small and quick; every matrix narrower than the fast path packs ({@code PackedRows.packs}). */
    private static final Shape NARROW = new Shape(256, 512, 4, 2);
    /** The narrowest shape whose matrices the fast path packs: one group of 1,024 columns, and two for ffn_down. */
    private static final Shape WIDE = new Shape(1024, 2048, 8, 2);
    private static final int VOCAB = 300;
    private static final int[] PROMPT = {1, 5, 250, 17, 99, 3, 3, 128, 64, 7, 201, 44};

    @TempDir
    Path dir;

    /** The model's widths: embedding {@code dim}, feed-forward {@code hidden}, query and key/value heads. */
    record Shape(int dim, int hidden, int heads, int kvHeads) {
    }

    @ParameterizedTest
    @EnumSource(names = {"F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q4_K", "Q5_K", "Q6_K"})
    void quantizedModelMatchesF32ModelOfItsDequantizedWeights(GgmlType type) {
        writeModels(type, NARROW);
        float[][] expected = run(dir.resolve("f.gguf"));
        float[][] actual = run(dir.resolve("q.gguf"));
        for (int step = 0; step < expected.length; step++) {
            double scale = 0;
            for (float logit : expected[step]) {
                scale = Math.max(scale, Math.abs(logit));
            }
            for (int id = 0; id < VOCAB; id++) {
                assertEquals(expected[step][id], actual[step][id], 1e-4 * scale + 1e-4,
                        type + " step " + step + " token " + id);
            }
        }
    }

    /**
     * The fast path (packed rows, 8-bit activations) against the F32 model of the same weights: within the rounding
     * of 8-bit activations, which these random-byte weights amplify to a few percent of the largest logit (a wrong
     * scale or element order lands at 100%); the packed copy is written to the cache folder once and mapped again on
     * the next load, with the same bytes as a repack in memory. The model is {@link #WIDE}, so that every matrix is
     * packed (the narrow one would stay exact).
     */
    @ParameterizedTest
    @EnumSource(names = {"Q4_0", "Q4_K", "Q6_K", "Q8_0"})
    void fastPathStaysCloseToTheF32Model(GgmlType type) throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.lariat.engine.kernels.PackedRows.supports(type),
                "the packed layouts need vectors of at least 256 bits");
        writeModels(type, WIDE);
        float[][] expected = run(dir.resolve("f.gguf"), Precision.EXACT, null);
        Path packedDir = dir.resolve("packed");
        float[][] fast = run(dir.resolve("q.gguf"), Precision.FAST, packedDir);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(packedDir)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".packed")).count());
        }
        // the next load maps that file; it holds the bytes of an in-memory repack, and every matrix of WIDE is packed
        // (logits of two loads are no test of this: a last-bit difference in the lane-reduction order of another JIT
        // tier can move an 8-bit activation across a rounding boundary, which the random weights amplify)
        try (GgufFile file = GgufFile.open(dir.resolve("q.gguf"))) {
            PackedWeights mapped = PackedWeights.load(file, packedDir, true);
            PackedWeights inMemory = PackedWeights.load(file, null, true);
            PackedWeights read = PackedWeights.load(file, packedDir, false);
            for (Matrix m : matrices(WIDE)) {
                assertTrue(mapped.rows(m.name()) != null, m.name() + " is packed");
                assertEquals(-1, mapped.rows(m.name()).data().mismatch(inMemory.rows(m.name()).data()), m.name());
                assertEquals(-1, mapped.rows(m.name()).data().mismatch(read.rows(m.name()).data()), m.name());
                assertTrue(mapped.rows(m.name()).data().isMapped(), m.name() + " is read through the mapping");
                assertFalse(read.rows(m.name()).data().isMapped(), m.name() + " is read into memory without mmap");
            }
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(packedDir)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".packed")).count());
        }
        double worst = 0;
        for (int step = 0; step < expected.length; step++) {
            double scale = 0;
            for (float logit : expected[step]) {
                scale = Math.max(scale, Math.abs(logit));
            }
            for (int id = 0; id < VOCAB; id++) {
                worst = Math.max(worst, Math.abs(expected[step][id] - fast[step][id]) / scale);
            }
        }
        assertTrue(worst < 0.05, type + ": largest difference " + worst + " of the largest logit");
        assertTrue(worst > 0, type + ": the fast path must differ from float activations at all");
    }

    /** Without mmap the exact path's matrices are bound to copies in memory, with the file's bytes. */
    @Test
    void exactMatricesAreCopiedIntoMemoryWithoutMmap() {
        writeModels(GgmlType.Q8_0, WIDE);
        try (GgufFile file = GgufFile.open(dir.resolve("q.gguf"))) {
            WeightLoader mapped = new WeightLoader(file, Precision.EXACT, null, true);
            WeightLoader copied = new WeightLoader(file, Precision.EXACT, null, false);
            for (Matrix m : matrices(WIDE)) {
                MemorySegment fromFile = mapped.matrix(m.name(), m.rows(), m.cols()).data();
                MemorySegment inMemory = copied.matrix(m.name(), m.rows(), m.cols()).data();
                assertTrue(fromFile.isMapped(), m.name());
                assertFalse(inMemory.isMapped(), m.name());
                assertEquals(-1, fromFile.mismatch(inMemory), m.name());
            }
        }
    }

    /**
     * Without mmap the exact path reads every matrix into memory: the same bytes, so the same logits (up to the
     * order of a vector reduction, which the JIT tier may change).
     */
    @Test
    void weightsReadIntoMemoryGiveTheMappedLogits() {
        writeModels(GgmlType.Q8_0, WIDE);
        float[][] mapped = run(dir.resolve("q.gguf"), Precision.EXACT, null, true);
        float[][] inMemory = run(dir.resolve("q.gguf"), Precision.EXACT, null, false);
        for (int step = 0; step < mapped.length; step++) {
            double scale = 0;
            for (float logit : mapped[step]) {
                scale = Math.max(scale, Math.abs(logit));
            }
            for (int id = 0; id < VOCAB; id++) {
                assertEquals(mapped[step][id], inMemory[step][id], 1e-5 * scale, "step " + step + ", id " + id);
            }
        }
    }

    /**
     * A new packed copy replaces the ones it makes stale: the copy of the same model file before it changed, and a
     * copy of a layout older than 3 (which recorded no source). Another model's copy stays.
     */
    @Test
    void aNewPackedCopyRemovesTheCopiesItReplaces() throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.lariat.engine.kernels.PackedRows.supports(GgmlType.Q4_0),
                "the packed layouts need vectors of at least 256 bits");
        writeModels(GgmlType.Q4_0, WIDE);
        Path packedDir = dir.resolve("packed");
        java.nio.file.Files.createDirectories(packedDir);
        Path model = dir.resolve("q.gguf");
        Path other = java.nio.file.Files.copy(model, dir.resolve("other.gguf"));
        loadPacked(other, packedDir);
        Path otherCopy = packedCopies(packedDir).getFirst();
        Path oldLayout = packedDir.resolve("old-layout.packed");
        byte[] header = new byte[64];
        System.arraycopy("LARIATPK".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, header, 0, 8);
        header[8] = 2; // layout version 2, little-endian int
        java.nio.file.Files.write(oldLayout, header);
        Path unrelated = java.nio.file.Files.write(packedDir.resolve("notes.packed"), new byte[] {1, 2, 3});

        loadPacked(model, packedDir);
        List<Path> afterFirst = packedCopies(packedDir);
        assertEquals(3, afterFirst.size(), afterFirst.toString()); // model's, other's, and the short foreign file
        assertTrue(!java.nio.file.Files.exists(oldLayout), "the copy of layout 2 is removed");
        Path firstCopy = afterFirst.stream().filter(p -> !p.equals(otherCopy) && !p.equals(unrelated)).findFirst()
                .orElseThrow();

        // the model file changes (a new modification time): its new copy replaces its old one, not other's
        java.nio.file.Files.setLastModifiedTime(model, java.nio.file.attribute.FileTime.fromMillis(
                java.nio.file.Files.getLastModifiedTime(model).toMillis() + 60_000));
        loadPacked(model, packedDir);
        List<Path> afterChange = packedCopies(packedDir);
        assertEquals(3, afterChange.size(), afterChange.toString());
        assertTrue(!afterChange.contains(firstCopy), "the stale copy of the same model is removed");
        assertTrue(afterChange.contains(otherCopy), "another model's copy stays");
        assertTrue(afterChange.contains(unrelated), "a file that is not a packed copy stays");
    }

    private static void loadPacked(Path model, Path packedDir) {
        try (GgufFile file = GgufFile.open(model)) {
            PackedWeights.load(file, packedDir, true);
        }
    }

    private static List<Path> packedCopies(Path packedDir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(packedDir)) {
            return files.filter(f -> f.toString().endsWith(".packed")).sorted().toList();
        }
    }

    /**
     * Matrices too narrow for whole groups of 1,024 columns stay on their exact kernels in fast mode: nothing is
     * packed (no cache file), and the logits are those of the exact path.
     */
    @ParameterizedTest
    @EnumSource(names = {"Q4_0", "Q8_0"})
    void fastPathLeavesNarrowMatricesExact(GgmlType type) throws java.io.IOException {
        writeModels(type, NARROW);
        float[][] exact = run(dir.resolve("q.gguf"), Precision.EXACT, null);
        Path packedDir = dir.resolve("packed");
        float[][] fast = run(dir.resolve("q.gguf"), Precision.FAST, packedDir);
        if (java.nio.file.Files.isDirectory(packedDir)) {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(packedDir)) {
                assertEquals(0, files.filter(f -> f.toString().endsWith(".packed")).count());
            }
        }
        for (int step = 0; step < exact.length; step++) {
            double scale = 0;
            for (float logit : exact[step]) {
                scale = Math.max(scale, Math.abs(logit));
            }
            for (int id = 0; id < VOCAB; id++) {
                // the same kernels; only the lane-reduction order may differ between JIT tiers
                assertEquals(exact[step][id], fast[step][id], 1e-6 * scale, type + " step " + step + " id " + id);
            }
        }
    }

    @Test
    void unsupportedTensorTypeIsNamed() {
        GgufWriter writer = header(false, NARROW);
        for (Matrix m : matrices(NARROW)) {
            GgmlType type = m.name().equals("blk.1.ffn_up.weight") ? GgmlType.IQ4_XS : GgmlType.F16;
            writer.encodedTensor(m.name(), type, m.shape(), new byte[(int) type.byteSize((long) m.rows() * m.cols())]);
        }
        addNorms(writer, NARROW);
        writer.write(dir.resolve("iq.gguf"));
        try (GgufFile file = GgufFile.open(dir.resolve("iq.gguf")); WorkerPool pool = new WorkerPool(1)) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> LlamaModel.load(file, pool));
            assertEquals("blk.1.ffn_up.weight", e.subject());
            assertTrue(e.getMessage().startsWith("iq.gguf: blk.1.ffn_up.weight: type IQ4_XS is not supported "
                    + "(supported: F32, F16, Q4_0, Q4_1, Q8_0, Q4_K, Q5_K, Q6_K, BF16)"), e.getMessage());
        }
    }

    @Test
    void missingOutputWeightMeansTiedEmbeddings() {
        GgufWriter writer = header(true, NARROW);
        for (Matrix m : matrices(NARROW)) {
            if (!m.name().equals("output.weight")) {
                writer.tensor(m.name(), GgmlType.F32, m.shape(), new float[m.rows() * m.cols()]);
            }
        }
        addNorms(writer, NARROW);
        writer.write(dir.resolve("tied.gguf"));
        try (GgufFile file = GgufFile.open(dir.resolve("tied.gguf")); WorkerPool pool = new WorkerPool(1)) {
            assertTrue(LlamaModel.load(file, pool).tiedEmbeddings());
        }
    }

    @Test
    void otherArchitectureIsRejected() {
        GgufWriter writer = header(false, NARROW).put("general.architecture", "qwen2");
        writer.write(dir.resolve("qwen.gguf"));
        try (GgufFile file = GgufFile.open(dir.resolve("qwen.gguf"))) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> LlamaConfig.fromGguf(file));
            assertEquals("qwen.gguf: general.architecture: architecture qwen2 is not supported (only llama)",
                    e.getMessage());
        }
    }

    /**
     * Writes {@code q.gguf}, random weights of {@code type} in {@code shape}, and {@code f.gguf}, the F32 model of
     * exactly their dequantized values.
     */
    private void writeModels(GgmlType type, Shape shape) {
        GgufWriter quantized = header(false, shape);
        GgufWriter dequantized = header(false, shape);
        MatrixKernel kernel = MatrixKernel.of(type).orElseThrow();
        long seed = 1;
        for (Matrix m : matrices(shape)) {
            MemorySegment blocks = RandomWeights.rows(kernel, m.rows(), m.cols(), seed++);
            quantized.encodedTensor(m.name(), type, m.shape(), blocks.toArray(ValueLayout.JAVA_BYTE));
            dequantized.tensor(m.name(), GgmlType.F32, m.shape(), dequantize(type, kernel, blocks, m));
        }
        addNorms(quantized, shape);
        addNorms(dequantized, shape);
        quantized.write(dir.resolve("q.gguf"));
        dequantized.write(dir.resolve("f.gguf"));
    }

    /** Logits of the prompt's last token and of three more steps, on the exact path. */
    static float[][] run(Path model) {
        return run(model, Precision.EXACT, null);
    }

    /** A random two-layer model with its matrices stored in {@code type}, written to {@code file}. */
    static Path randomModel(Path file, GgmlType type) {
        GgufWriter writer = header(false, NARROW);
        MatrixKernel kernel = MatrixKernel.of(type).orElseThrow();
        long seed = 1;
        for (Matrix m : matrices(NARROW)) {
            writer.encodedTensor(m.name(), type, m.shape(),
                    RandomWeights.rows(kernel, m.rows(), m.cols(), seed++).toArray(ValueLayout.JAVA_BYTE));
        }
        addNorms(writer, NARROW);
        writer.write(file);
        return file;
    }

    private static float[][] run(Path model, Precision precision, Path packedDir) {
        return run(model, precision, packedDir, true);
    }

    private static float[][] run(Path model, Precision precision, Path packedDir, boolean mmap) {
        try (GgufFile file = GgufFile.open(model); WorkerPool pool = new WorkerPool(2)) {
            LlamaModel llama = LlamaModel.load(file, pool, precision, packedDir, mmap);
            float[][] logits = new float[4][VOCAB];
            try (KvCache kv = KvCache.create(llama.config(), KvCacheType.F32, 1L << 30);
                 KvSequence cache = kv.newSequence(64)) {
                Activations act = llama.newActivations(8);
                llama.evaluate(cache, act, PROMPT, 0, 8, 0);
                llama.evaluate(cache, act, PROMPT, 8, PROMPT.length - 8, 8);
                llama.logits(act, act.count() - 1, logits[0]);
                for (int step = 1; step < logits.length; step++) {
                    llama.evaluate(cache, act, new int[] {step * 31}, 0, 1, PROMPT.length + step - 1);
                    llama.logits(act, 0, logits[step]);
                }
            }
            return logits;
        }
    }

    record Matrix(String name, int rows, int cols) {
        long[] shape() {
            return new long[] {cols, rows};
        }
    }

    private static List<Matrix> matrices(Shape shape) {
        int dim = shape.dim();
        int hidden = shape.hidden();
        List<Matrix> list = new java.util.ArrayList<>(List.of(new Matrix("token_embd.weight", VOCAB, dim),
                new Matrix("output.weight", VOCAB, dim)));
        int kvDim = shape.kvHeads() * dim / shape.heads();
        for (int layer = 0; layer < 2; layer++) {
            String p = "blk." + layer + ".";
            list.addAll(List.of(new Matrix(p + "attn_q.weight", dim, dim), new Matrix(p + "attn_k.weight", kvDim, dim),
                    new Matrix(p + "attn_v.weight", kvDim, dim), new Matrix(p + "attn_output.weight", dim, dim),
                    new Matrix(p + "ffn_gate.weight", hidden, dim), new Matrix(p + "ffn_up.weight", hidden, dim),
                    new Matrix(p + "ffn_down.weight", dim, hidden)));
        }
        return list;
    }

    /** The F32 copy comes from ggml's scalar reference dequantizers, not from the kernels under test. */
    private static float[] dequantize(GgmlType type, MatrixKernel kernel, MemorySegment blocks, Matrix m) {
        ReferenceKernels.Dequantizer reference = switch (type) {
            case F16 -> ReferenceKernels::f16;
            case BF16 -> ReferenceKernels::bf16;
            case Q8_0 -> ReferenceKernels::q8_0;
            case Q4_0 -> ReferenceKernels::q4_0;
            case Q4_1 -> ReferenceKernels::q4_1;
            case Q4_K -> ReferenceKernels::q4K;
            case Q5_K -> ReferenceKernels::q5K;
            case Q6_K -> ReferenceKernels::q6K;
            default -> throw new IllegalArgumentException("no reference for " + type);
        };
        float[] values = new float[m.rows() * m.cols()];
        float[] row = new float[m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            reference.dequantize(blocks, r * kernel.rowBytes(m.cols()), row, m.cols());
            System.arraycopy(row, 0, values, r * m.cols(), m.cols());
        }
        return values;
    }

    private static GgufWriter header(boolean tied, Shape shape) {
        return new GgufWriter().put("general.architecture", "llama")
                .putUInt32("llama.context_length", 2048).putUInt32("llama.embedding_length", shape.dim())
                .putUInt32("llama.block_count", 2).putUInt32("llama.feed_forward_length", shape.hidden())
                .putUInt32("llama.attention.head_count", shape.heads())
                .putUInt32("llama.attention.head_count_kv", shape.kvHeads())
                .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .putFloat32("llama.rope.freq_base", 500000f);
    }

    private static void addNorms(GgufWriter writer, Shape shape) {
        Random random = new Random(5);
        for (String name : List.of("blk.0.attn_norm.weight", "blk.0.ffn_norm.weight", "blk.1.attn_norm.weight",
                "blk.1.ffn_norm.weight", "output_norm.weight")) {
            float[] gain = new float[shape.dim()];
            for (int i = 0; i < gain.length; i++) {
                gain[i] = 0.5f + random.nextFloat();
            }
            writer.tensor(name, GgmlType.F32, new long[] {shape.dim()}, gain);
        }
    }
}
