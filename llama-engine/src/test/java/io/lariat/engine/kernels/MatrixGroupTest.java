package io.lariat.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lariat.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A group's one parallel step gives each matrix exactly its own product, on the exact and the fast path. */
class MatrixGroupTest {
    private static final int COLS = 1024;

    private static WeightMatrix exact(String name, MatrixKernel kernel, int rows, long seed) {
        return new WeightMatrix(name, kernel, RandomWeights.rows(kernel, rows, COLS, seed), rows, COLS);
    }

    private static WeightMatrix packed(String name, GgmlType type, int rows, long seed) {
        MatrixKernel kernel = MatrixKernel.of(type).orElseThrow();
        MemorySegment source = RandomWeights.rows(kernel, rows, COLS, seed);
        MemorySegment target = Arena.ofAuto().allocate(PackedRows.bytes(type, rows, COLS), 64);
        PackedRows.repack(type, source, rows, COLS, target);
        return new WeightMatrix(name, kernel, source, rows, COLS, PackedRows.of(type, target, rows, COLS));
    }

    /**
     * Equal within float rounding: the Vector API may reduce lanes in a different order once the JIT has compiled a
     * kernel, so the same product computed twice can differ in its last bits, and a result smaller than the lane sums
     * it comes from magnifies that relative to itself (a Q6_K row of -4.503 differed by 9e-5 between two tiers).
     */
    static void assertWithinRounding(float[] expected, float[] actual, String message) {
        assertEquals(expected.length, actual.length, message);
        for (int i = 0; i < expected.length; i++) {
            float tolerance = 1e-4f * Math.max(1f, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], tolerance, message + " at " + i);
        }
    }

    /** The group's outputs must be those of each matrix's own product, to the rounding of a lane reduction. */
    private static void assertSameAsEachMatrix(List<WeightMatrix> matrices, int batch) {
        float[] x = RandomWeights.activations(batch * COLS, 3);
        try (WorkerPool pool = new WorkerPool(2)) {
            float[][] outs = new float[matrices.size()][];
            for (int i = 0; i < outs.length; i++) {
                outs[i] = new float[batch * matrices.get(i).rows()];
            }
            new MatrixGroup(matrices).matMul(pool, x, batch, outs);
            for (int i = 0; i < outs.length; i++) {
                float[] expected = new float[outs[i].length];
                matrices.get(i).matMul(pool, x, batch, expected);
                assertWithinRounding(expected, outs[i], matrices.get(i).name() + " batch " + batch);
            }
        }
    }

    @Test
    void exactRowsOfDifferentTypesAndHeights() {
        List<WeightMatrix> matrices = List.of(exact("q", Q4_0Kernel.INSTANCE, 67, 1),
                exact("k", Q8_0Kernel.INSTANCE, 5, 2), exact("v", Q6KKernel.INSTANCE, 33, 3));
        assertSameAsEachMatrix(matrices, 1);
        assertSameAsEachMatrix(matrices, 3);
        // a prefill batch: one transposed input for the float tiles of all three
        assertSameAsEachMatrix(matrices, 20);
    }

    @Test
    void packedRowsQuantizeTheInputOnceForAll() {
        org.junit.jupiter.api.Assumptions.assumeTrue(PackedRows.supports(GgmlType.Q4_0),
                "the packed layout needs vectors of at least 256 bits");
        List<WeightMatrix> matrices = List.of(packed("gate", GgmlType.Q4_K, 41, 4), packed("up", GgmlType.Q6_K, 9, 5),
                exact("float", Q8_0Kernel.INSTANCE, 3, 6));
        assertSameAsEachMatrix(matrices, 1);
        assertSameAsEachMatrix(matrices, 2);
        // one decode token of each of four sequences: quantized once, one parallel step for all three matrices
        assertSameAsEachMatrix(matrices, 4);
        // packed and exact rows order their columns differently: each matrix transposes its own input
        assertSameAsEachMatrix(matrices, 20);
    }

    @Test
    void packedRowsShareOneTransposedInputForAPrefillBatch() {
        org.junit.jupiter.api.Assumptions.assumeTrue(PackedRows.supports(GgmlType.Q4_0),
                "the packed layout needs vectors of at least 256 bits");
        List<WeightMatrix> matrices = List.of(packed("gate", GgmlType.Q4_K, 41, 4), packed("up", GgmlType.Q6_K, 9, 5));
        assertSameAsEachMatrix(matrices, WeightMatrix.PACKED_TILE_BATCH + 4);
    }

    @Test
    void refusesMismatchedWidthsAndOutputs() {
        WeightMatrix wide = exact("wide", Q8_0Kernel.INSTANCE, 2, 1);
        WeightMatrix narrow = new WeightMatrix("narrow", Q8_0Kernel.INSTANCE,
                RandomWeights.rows(Q8_0Kernel.INSTANCE, 2, 512, 2), 2, 512);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MatrixGroup(List.of(wide, narrow)));
        assertEquals("narrow has 512 columns, wide has 1024", e.getMessage());
        MatrixGroup group = new MatrixGroup(List.of(wide));
        try (WorkerPool pool = new WorkerPool(1)) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> group.matMul(pool, new float[COLS], 1, new float[2][2]));
        }
        assertEquals("1 matrices need as many outputs, got 2", e.getMessage());
        assertEquals("a matrix group needs at least one matrix",
                assertThrows(IllegalArgumentException.class, () -> new MatrixGroup(List.of())).getMessage());
    }
}
