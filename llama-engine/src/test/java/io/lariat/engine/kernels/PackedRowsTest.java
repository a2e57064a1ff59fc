package io.lariat.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path's packed rows against the file-layout kernels: the same weights after repacking (bit for bit for
 * Q4_0, Q6_K and Q8_0, to float rounding for Q4_K), dot products equal to a float64 sum over the same 8-bit
 * activations, and within the activation rounding of the exact float dot product.
 */
class PackedRowsTest {
    private static final int ROWS = 5;

    @BeforeEach
    void needs512BitVectors() {
        Assumptions.assumeTrue(PackedRows.supports(GgmlType.Q4_0),
                "the packed layout needs vectors of at least 256 bits");
    }

    /**
     * Q4_0, Q4_K and Q8_0 with one partial group, exactly one, and several (the last one partial); and the largest
     * batch of Q4_0 that the 8-bit products still take (23).
     */
    static Stream<Arguments> smallBatches() {
        return Stream.concat(Stream.of(GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q8_0).flatMap(type ->
                IntStream.of(2, 3, 4, 5, 6, 7, 8).mapToObj(batch -> Arguments.of(type, batch))),
                Stream.of(Arguments.of(GgmlType.Q4_0, WeightMatrix.PACKED_Q4_0_TILE_BATCH - 1)));
    }

    static Stream<Arguments> shapes() {
        List<Arguments> cases = new ArrayList<>();
        for (GgmlType type : List.of(GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K, GgmlType.Q8_0)) {
            for (int cols : new int[] {256, 1024, 2048, 3328}) {
                cases.add(Arguments.of(type, cols));
            }
        }
        return cases.stream();
    }

    private static PackedRows pack(GgmlType type, MemorySegment source, int cols) {
        return pack(type, source, ROWS, cols);
    }

    private static PackedRows pack(GgmlType type, MemorySegment source, int rows, int cols) {
        MemorySegment target = Arena.ofAuto().allocate(PackedRows.bytes(type, rows, cols), 64);
        PackedRows.repack(type, source, rows, cols, target);
        return PackedRows.of(type, target, rows, cols);
    }

    @ParameterizedTest(name = "{0} cols={1}")
    @MethodSource("shapes")
    void repackingKeepsTheWeights(GgmlType type, int cols) {
        MatrixKernel kernel = MatrixKernel.of(type).orElseThrow();
        MemorySegment source = RandomWeights.rows(kernel, ROWS, cols, cols);
        PackedRows packed = pack(type, source, cols);
        for (int r = 0; r < ROWS; r++) {
            float[] expected = new float[cols];
            kernel.dequantize(source, r * kernel.rowBytes(cols), expected, 0, cols);
            float[] actual = new float[cols];
            packed.dequantize(r, actual, 0);
            if (type != GgmlType.Q4_K) {
                assertArrayEquals(expected, actual, "row " + r);
            } else {
                for (int i = 0; i < cols; i++) {
                    // the same factors, combined in another order: float rounding only
                    assertEquals(expected[i], actual[i], 1e-5f * (Math.abs(expected[i]) + 1), "row " + r + " @" + i);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} cols={1}")
    @MethodSource("shapes")
    void dotIsTheSumOverQuantizedActivations(GgmlType type, int cols) {
        MatrixKernel kernel = MatrixKernel.of(type).orElseThrow();
        MemorySegment source = RandomWeights.rows(kernel, ROWS, cols, cols + 1);
        PackedRows packed = pack(type, source, cols);
        float[] x = RandomWeights.activations(cols, 7);
        QuantizedActivations q = new QuantizedActivations();
        q.quantize(x, 0, cols);
        for (int r = 0; r < ROWS; r++) {
            float[] w = new float[cols];
            packed.dequantize(r, w, 0);
            double expected = 0;
            double magnitude = 0;
            double exact = 0;
            for (int i = 0; i < cols; i++) {
                double xi = dequantized(q, i);
                expected += w[i] * xi;
                magnitude += Math.abs(w[i] * xi);
                exact += w[i] * (double) x[i];
            }
            float actual = packed.dot(r, q);
            assertEquals(expected, actual, 1e-5 * magnitude, "row " + r);
            // 8-bit activations: each element within half a step (max/254) of the float value
            assertEquals(exact, actual, 0.01 * magnitude, "row " + r + " against float activations");
        }
    }

    // a thread's share of a decode product is read in runs of a few hundred rows (four streams within each run):
    // ranges across several runs, starting and ending inside one, give each row its own product
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(names = {"Q4_0", "Q4_K"})
    void rangesOverSeveralRunsEqualOneRowAtATime(GgmlType type) {
        int rows = 1_100;
        int cols = 1024;
        MatrixKernel kernel = MatrixKernel.of(type).orElseThrow();
        PackedRows packed = pack(type, RandomWeights.rows(kernel, rows, cols, 17), rows, cols);
        QuantizedActivations q = new QuantizedActivations();
        q.quantize(RandomWeights.activations(cols, 5), 0, cols);
        for (int[] range : new int[][] {{0, rows}, {3, 1_030}, {255, 513}, {511, 1_099}}) {
            float[] out = new float[range[1] - range[0]];
            packed.dotRows(range[0], range[1], q, out, 0);
            for (int r = range[0]; r < range[1]; r++) {
                float one = packed.dot(r, q);
                assertEquals(one, out[r - range[0]], 1e-5f * (Math.abs(one) + 1),
                        "rows [" + range[0] + ", " + range[1] + ") row " + r);
            }
        }
    }

    // every sub-range of the rows, so odd and even counts, one row and none: a multi-row kernel pairs rows far apart
    // and must give each row its own dot product (the 16-bit sums are exact; only the float reduction order differs)
    @ParameterizedTest(name = "{0} cols={1}")
    @MethodSource("shapes")
    void rowRangesEqualOneRowAtATime(GgmlType type, int cols) {
        MatrixKernel kernel = MatrixKernel.of(type).orElseThrow();
        MemorySegment source = RandomWeights.rows(kernel, ROWS, cols, cols + 3);
        PackedRows packed = pack(type, source, cols);
        QuantizedActivations q = new QuantizedActivations();
        q.quantize(RandomWeights.activations(cols, 11), 0, cols);
        float[] one = new float[ROWS];
        for (int r = 0; r < ROWS; r++) {
            one[r] = packed.dot(r, q);
        }
        for (int start = 0; start <= ROWS; start++) {
            for (int end = start; end <= ROWS; end++) {
                float[] out = new float[ROWS + 2];
                java.util.Arrays.fill(out, Float.NaN);
                packed.dotRows(start, end, q, out, 1);
                for (int r = start; r < end; r++) {
                    assertEquals(one[r], out[1 + r - start], 1e-5f * (Math.abs(one[r]) + 1),
                            "rows [" + start + ", " + end + ") row " + r);
                }
                for (int i = 0; i < out.length; i++) {
                    if (i < 1 || i >= 1 + end - start) {
                        assertTrue(Float.isNaN(out[i]), "rows [" + start + ", " + end + ") wrote outside @" + i);
                    }
                }
            }
        }
    }

    // Q6_K steps over two rows (AVX2) or four (AVX-512) at a time, chosen by the CPU: both, whatever this CPU has,
    // over ranges of every length modulo four, each row equal to its own product
    @ParameterizedTest(name = "{0} rows per step")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 4})
    void q6RowsPerStepEqualOneRowAtATime(int rowsPerStep) {
        int rows = 67;
        int cols = 1024;
        MatrixKernel kernel = MatrixKernel.of(GgmlType.Q6_K).orElseThrow();
        PackedQ6Rows packed = (PackedQ6Rows) pack(GgmlType.Q6_K, RandomWeights.rows(kernel, rows, cols, 23), rows,
                cols);
        QuantizedActivations q = new QuantizedActivations();
        q.quantize(RandomWeights.activations(cols, 29), 0, cols);
        for (int[] range : new int[][] {{0, rows}, {1, 66}, {2, 65}, {3, 64}, {5, 9}, {7, 8}}) {
            float[] out = new float[range[1] - range[0] + 1];
            out[out.length - 1] = Float.NaN;
            packed.dotRows(range[0], range[1], q, out, 0, rowsPerStep);
            for (int r = range[0]; r < range[1]; r++) {
                float one = packed.dot(r, q);
                assertEquals(one, out[r - range[0]], 1e-5f * (Math.abs(one) + 1),
                        "rows [" + range[0] + ", " + range[1] + ") row " + r);
            }
            assertTrue(Float.isNaN(out[out.length - 1]), "wrote past the range");
        }
    }

    /** Element {@code i} of the quantized vector, read back through its layout. */
    private static double dequantized(QuantizedActivations q, int i) {
        int block = i / 32;
        int g = block / 32;
        int b = block % 32;
        float d = q.scales[g * 32 + QuantizedActivations.evenOddSlot(b)];
        return d * (double) q.values[(g * 32 + i % 32) * 32 + b];
    }

    @Test
    void quantizedBlockSumsMatchTheirValues() {
        float[] x = RandomWeights.activations(2048, 3);
        QuantizedActivations q = new QuantizedActivations();
        q.quantize(x, 0, 2048);
        for (int block = 0; block < 64; block++) {
            double sum = 0;
            for (int e = 0; e < 32; e++) {
                sum += dequantized(q, block * 32 + e);
                assertTrue(Math.abs(dequantized(q, block * 32 + e) - x[block * 32 + e])
                        <= q.scales[(block / 32) * 32 + QuantizedActivations.evenOddSlot(block % 32)] / 2 + 1e-7);
            }
            assertEquals(sum, q.sums[(block / 32) * 32 + QuantizedActivations.evenOddSlot(block % 32)], 1e-4);
        }
    }

    // Q4_0 shares each row's unpacking across three or four tokens; its 16-bit sums are exact, so the products
    // are those of one token at a time up to the order of the final lane reduction
    @ParameterizedTest(name = "{0} batch={1}")
    @MethodSource("smallBatches")
    void smallBatchesEqualOneTokenAtATime(GgmlType type, int batch) {
        int cols = 2048;
        MatrixKernel kernel = MatrixKernel.of(type).orElseThrow();
        MemorySegment source = RandomWeights.rows(kernel, ROWS, cols, 5);
        WeightMatrix matrix = new WeightMatrix("w", kernel, source, ROWS, cols, pack(type, source, cols));
        float[] x = RandomWeights.activations(batch * cols, 9);
        try (WorkerPool pool = new WorkerPool(2)) {
            float[] batched = new float[batch * ROWS];
            matrix.matMul(pool, x, batch, batched);
            for (int b = 0; b < batch; b++) {
                float[] one = new float[ROWS];
                matrix.matVec(pool, java.util.Arrays.copyOfRange(x, b * cols, (b + 1) * cols), one);
                MatrixGroupTest.assertWithinRounding(one, java.util.Arrays.copyOfRange(batched, b * ROWS, (b + 1) * ROWS),
                        "token " + b);
            }
        }
    }

    /**
     * Prefill batches take the float tiles of the dequantized packed rows: every token of the type's least such batch
     * (16, one panel of one vector; Q4_0's 24, of two), 128 (the benchmark's prompt: panels of 3, 3 and 2 vectors)
     * and 150 (a full block of tokens and a second of one panel) is the dot product of the packed row's weights with
     * its activations, for widths with and without a padded group; 70 rows are a full chunk of the tiles' sums, whole
     * tiles of 8 rows and 6 rows left.
     */
    @ParameterizedTest(name = "{0} cols={1} batch={2}")
    @MethodSource("prefillBatches")
    void prefillBatchesAreTheDotProductsOfThePackedWeights(GgmlType type, int cols, int batch) {
        MatrixKernel kernel = MatrixKernel.of(type).orElseThrow();
        int rows = 70;
        MemorySegment source = RandomWeights.rows(kernel, rows, cols, 7);
        MemorySegment target = Arena.ofAuto().allocate(PackedRows.bytes(type, rows, cols), 64);
        PackedRows.repack(type, source, rows, cols, target);
        PackedRows packed = PackedRows.of(type, target, rows, cols);
        WeightMatrix matrix = new WeightMatrix("w", kernel, source, rows, cols, packed);
        float[] x = RandomWeights.activations(batch * cols, 11);
        float[] out = new float[batch * rows];
        try (WorkerPool pool = new WorkerPool(2)) {
            matrix.matMul(pool, x, batch, out);
        }
        for (int r = 0; r < rows; r++) {
            float[] row = new float[cols];
            packed.dequantize(r, row, 0);
            for (int b = 0; b < batch; b++) {
                double expected = 0;
                double magnitude = 0;
                for (int i = 0; i < cols; i++) {
                    expected += (double) row[i] * x[b * cols + i];
                    magnitude += Math.abs((double) row[i] * x[b * cols + i]);
                }
                assertEquals(expected, out[b * rows + r], 1e-5 * magnitude + 1e-6, "row " + r + " token " + b);
            }
        }
    }

    static Stream<Arguments> prefillBatches() {
        List<Arguments> cases = new ArrayList<>();
        for (GgmlType type : List.of(GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K, GgmlType.Q8_0)) {
            for (int cols : new int[] {2048, 3328}) {
                int least = WeightMatrix.packedTileBatch(MatrixKernel.of(type).orElseThrow());
                for (int batch : new int[] {least, 128, 150}) {
                    cases.add(Arguments.of(type, cols, batch));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} cols={1}")
    @MethodSource("shapes")
    void interleavedRowsAreTheWeightsInPackedOrder(GgmlType type, int cols) {
        MatrixKernel kernel = MatrixKernel.of(type).orElseThrow();
        MemorySegment source = RandomWeights.rows(kernel, ROWS, cols, cols + 2);
        PackedRows packed = pack(type, source, cols);
        int n = PackedRows.interleavedColumns(cols);
        assertEquals((cols + 1023) / 1024 * 1024, n);
        for (int r = 0; r < ROWS; r++) {
            float[] row = new float[cols];
            packed.dequantize(r, row, 0);
            float[] expected = new float[n + 3];
            for (int i = 0; i < n; i++) {
                int column = PackedRows.interleavedColumn(i, cols);
                expected[3 + i] = column < 0 ? 0f : row[column];
            }
            float[] actual = new float[n + 3];
            for (int g = 0; g < n / 1024; g++) {
                packed.dequantizeInterleaved(r, g, actual, 3 + 1024 * g);
            }
            for (int i = 0; i < n; i++) {
                // Q4_K's q * scale + offset is one fused multiply-add here, two roundings in dequantize
                assertEquals(expected[3 + i], actual[3 + i], 1e-6f * (Math.abs(expected[3 + i]) + 1e-3f),
                        "row " + r + " @" + i);
            }
        }
    }

    @Test
    void packedOrderHoldsEachColumnOnceThenPadding() {
        int cols = 1024 + 96;
        // element 3 of block 1 (odd: slot 16) and element 31 of block 34 (group 1, block 2: slot 1)
        assertEquals(32 + 3, PackedRows.interleavedColumn(3 * 32 + 16, cols));
        assertEquals(34 * 32 + 31, PackedRows.interleavedColumn(1024 + 31 * 32 + 1, cols));
        int[] seen = new int[cols];
        int padding = 0;
        for (int position = 0; position < 2048; position++) {
            int column = PackedRows.interleavedColumn(position, cols);
            if (column < 0) {
                padding++;
            } else {
                seen[column]++;
            }
        }
        assertEquals(2048 - cols, padding);
        for (int column = 0; column < cols; column++) {
            assertEquals(1, seen[column], "column " + column);
        }
    }

    @Test
    void onlyMatricesWithLittlePaddingArePacked() {
        for (GgmlType type : List.of(GgmlType.Q4_0, GgmlType.Q8_0)) {
            assertTrue(PackedRows.packs(type, 1024), type + " 1,024 columns: no padding");
            assertTrue(PackedRows.packs(type, 8192), type + " 8,192 columns: no padding");
            assertTrue(PackedRows.packs(type, 928), type + " 928 columns: 96 padded, under 1/8");
            assertTrue(PackedRows.packs(type, 2048 - 224), type + " 1,824 columns: 224 padded, exactly 1/8 or less");
            assertFalse(PackedRows.packs(type, 896), type + " 896 columns: 128 padded, over 1/8");
            assertFalse(PackedRows.packs(type, 128), type + " 128 columns: 8 times the bytes");
            assertFalse(PackedRows.packs(type, 64), type + " 64 columns: 16 times the bytes");
            assertFalse(PackedRows.packs(type, 1056), type + " 1,056 columns: a second group for 32 of them");
        }
        assertTrue(PackedRows.packs(GgmlType.Q4_K, 3072));
        assertTrue(PackedRows.packs(GgmlType.Q6_K, 2048));
        assertFalse(PackedRows.packs(GgmlType.Q4_K, 256));
        assertFalse(PackedRows.packs(GgmlType.Q5_K, 2048), "no packed layout");
    }

    @Test
    void typesWithoutPackedLayoutAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackedRows.bytes(GgmlType.Q5_K, 1, 256));
        assertEquals("no packed layout for Q5_K on this machine", e.getMessage());
    }
}
