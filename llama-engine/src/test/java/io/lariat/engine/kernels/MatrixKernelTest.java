package io.lariat.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Differential tests: every vector kernel against ggml's scalar reference dequantizer on random data. */
class MatrixKernelTest {

    record Type(String name, MatrixKernel kernel, ReferenceKernels.Dequantizer reference) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Type> types() {
        return List.of(
                new Type("F32", F32Kernel.INSTANCE, ReferenceKernels::f32),
                new Type("F16", F16Kernel.INSTANCE, ReferenceKernels::f16),
                new Type("BF16", BF16Kernel.INSTANCE, ReferenceKernels::bf16),
                new Type("Q8_0", Q8_0Kernel.INSTANCE, ReferenceKernels::q8_0),
                new Type("Q4_0", Q4_0Kernel.INSTANCE, ReferenceKernels::q4_0),
                new Type("Q4_1", Q4_1Kernel.INSTANCE, ReferenceKernels::q4_1),
                new Type("Q4_K", Q4KKernel.INSTANCE, ReferenceKernels::q4K),
                new Type("Q5_K", Q5KKernel.INSTANCE, ReferenceKernels::q5K),
                new Type("Q6_K", Q6KKernel.INSTANCE, ReferenceKernels::q6K),
                scalar(GgmlType.F32, ReferenceKernels::f32), scalar(GgmlType.F16, ReferenceKernels::f16),
                scalar(GgmlType.BF16, ReferenceKernels::bf16), scalar(GgmlType.Q8_0, ReferenceKernels::q8_0),
                scalar(GgmlType.Q4_0, ReferenceKernels::q4_0), scalar(GgmlType.Q4_1, ReferenceKernels::q4_1),
                scalar(GgmlType.Q4_K, ReferenceKernels::q4K), scalar(GgmlType.Q5_K, ReferenceKernels::q5K),
                scalar(GgmlType.Q6_K, ReferenceKernels::q6K));
    }

    /** The scalar path's kernel of {@code type} (what a JVM without the Vector API module computes with). */
    private static Type scalar(GgmlType type, ReferenceKernels.Dequantizer reference) {
        return new Type("scalar " + type, ScalarKernel.of(type).orElseThrow(), reference);
    }

    /** Every type with row lengths of 1, 2, 3 and 7 blocks; float types also with lengths that leave vector tails. */
    static Stream<Arguments> typesAndLengths() {
        List<Arguments> cases = new ArrayList<>();
        for (Type type : types()) {
            int block = type.kernel().blockSize();
            List<Integer> lengths = block == 1 ? List.of(1, 3, 15, 16, 17, 33, 100, 257) : List.of(block,
                    2 * block, 3 * block, 7 * block);
            for (int n : lengths) {
                cases.add(Arguments.of(type, n));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("typesAndLengths")
    void dequantizeMatchesReference(Type type, int n) {
        int rows = 3;
        MemorySegment w = RandomWeights.rows(type.kernel(), rows, n, 11L * n);
        long rowBytes = type.kernel().rowBytes(n);
        for (int r = 0; r < rows; r++) {
            float[] expected = new float[n];
            type.reference().dequantize(w, r * rowBytes, expected, n);
            float[] actual = new float[n + 5];
            type.kernel().dequantize(w, r * rowBytes, actual, 5, n);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], actual[5 + i], 1e-6f * Math.abs(expected[i]) + 1e-7f,
                        type + " row " + r + " element " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("typesAndLengths")
    void dotMatchesReference(Type type, int n) {
        int rows = 3;
        MemorySegment w = RandomWeights.rows(type.kernel(), rows, n, 7L * n + 1);
        float[] x = RandomWeights.activations(n + 3, n);
        float[] shifted = new float[n];
        System.arraycopy(x, 3, shifted, 0, n);
        long rowBytes = type.kernel().rowBytes(n);
        for (int r = 0; r < rows; r++) {
            float[] row = new float[n];
            type.reference().dequantize(w, r * rowBytes, row, n);
            double expected = ReferenceKernels.dot(row, shifted);
            float actual = type.kernel().dot(w, r * rowBytes, x, 3, n);
            assertEquals(expected, actual, tolerance(row, shifted), type + " row " + r);
        }
    }

    static Stream<Arguments> matMulCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Type type : types()) {
            int block = type.kernel().blockSize();
            for (int cols : block == 1 ? new int[] {37, 2083} : new int[] {2 * block, 2304 / block * block}) {
                for (int batch : new int[] {1, 2, 3, 4, 5, 8, 13, 70}) {
                    for (int threads : new int[] {1, 2}) {
                        cases.add(Arguments.of(type, cols, batch, threads));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} cols={1} batch={2} threads={3}")
    @MethodSource("matMulCases")
    void matMulMatchesReferencePerRow(Type type, int cols, int batch, int threads) {
        assertMatMulMatchesReference(type, 11, cols, batch, threads);
    }

    /**
     * A prefill-sized product: 70 rows (a full chunk of the float tiles' sums and a partial group of rows) by 150
     * tokens (a full block of 144 tokens in three panels and a second one of six) over two column slices.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void largeBatchesSpanTokenBlocksAndRowChunks(Type type) {
        assertMatMulMatchesReference(type, 70, 1280, 150, 2);
    }

    private static void assertMatMulMatchesReference(Type type, int rows, int cols, int batch, int threads) {
        WeightMatrix matrix = new WeightMatrix("w", type.kernel(), RandomWeights.rows(type.kernel(), rows, cols, 3),
                rows, cols);
        float[] x = RandomWeights.activations(batch * cols, batch);
        float[] out = new float[batch * rows];
        try (WorkerPool pool = new WorkerPool(threads)) {
            matrix.matMul(pool, x, batch, out);
        }
        for (int r = 0; r < rows; r++) {
            float[] row = new float[cols];
            type.reference().dequantize(matrix.data(), r * matrix.rowBytes(), row, cols);
            for (int b = 0; b < batch; b++) {
                float[] token = new float[cols];
                System.arraycopy(x, b * cols, token, 0, cols);
                assertEquals(ReferenceKernels.dot(row, token), out[b * rows + r], tolerance(row, token),
                        type + " row " + r + " token " + b);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void rowBytesFollowBlockLayout(Type type) {
        int n = 4 * type.kernel().blockSize();
        assertEquals(4L * type.kernel().blockBytes(), type.kernel().rowBytes(n));
        assertTrue(type.kernel().blockBytes() > 0);
    }

    private static double tolerance(float[] w, float[] x) {
        double magnitude = 0;
        for (int i = 0; i < w.length; i++) {
            magnitude += Math.abs((double) w[i] * x[i]);
        }
        return 1e-5 * magnitude + 1e-6;
    }
}
