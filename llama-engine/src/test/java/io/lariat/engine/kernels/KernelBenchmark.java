package io.lariat.engine.kernels;

import io.lariat.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread's decode and prefill kernels against the float multiply-add ceiling of the same JVM, so that kernel
 * speed reads as a fraction of what the Vector API can issue here rather than as a noisy absolute figure.
 *
 * <ul>
 *   <li>{@code matVec}: a {@code rows × 2048} matrix of {@code type} times one vector (decode), on the exact path
 *       or the fast path (packed rows, 8-bit activations; types without a packed layout run exact). 512 rows stay
 *       in L2; 8192 rows (up to 17.8 MB) stream from memory where the last-level cache is small and stay in a
 *       32 MB L3 (AMD Zen); {@code -p rows=131072} (285 MB of Q8_0) streams on any machine. One operation is
 *       {@code rows × 2048} multiply-adds.</li>
 *   <li>{@code tile}: eight dequantized rows times 128 tokens of 2048 columns, transposed (the prefill inner loop,
 *       in slices of {@code FloatTiles.K_SLICE} columns), or the tiles' token block where it is smaller (72 with
 *       256-bit vectors); one operation is {@code 8 × tokens × 2048} multiply-adds.</li>
 *   <li>{@code fmaPeak}: ten independent register-only multiply-add chains; one operation is
 *       {@code 10 × 1024 × lanes} multiply-adds. No float kernel can exceed this rate.</li>
 *   <li>{@code int16Dot}, {@code int16Dot4Rows}, {@code int16Accumulate}: the 16-bit products that C2's
 *       auto-vectoriser compiles to {@code vpmaddwd}, or VNNI's {@code vpdpwssd} ({@code a[2i] b[2i] + a[2i+1]
 *       b[2i+1]} over {@code short[]}, the one integer dot product a JVM can issue), in L1: one row's sum, four
 *       rows' sums sharing the activations' loads, and the accumulate-into-an-array form. One operation is
 *       {@code 2048}, {@code 4 × 2048} and {@code 2048} multiply-adds. Whether an int16 prefill tile could pass the
 *       float peak.</li>
 * </ul>
 * Multiply-adds per second = ops/s × multiply-adds per operation. Run after
 * {@code mvn -pl llama-engine test-compile}: {@code java --add-modules jdk.incubator.vector -cp <test classpath>
 * org.openjdk.jmh.Main KernelBenchmark -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KernelBenchmark {
    private static final int COLS = 2048;
    private static final int TOKENS = 128;
    /** Tokens of one {@code tile} operation: 128, or the tiles' token block where it is smaller. */
    private static final int TILE_TOKENS = Math.min(TOKENS, FloatTiles.TOKEN_BLOCK);

    /** A matrix of one type and size with its input and output vectors. */
    @State(Scope.Benchmark)
    public static class Decode {
        @Param({"Q4_0", "Q4_K", "Q6_K", "Q8_0", "F16"})
        public String type;

        @Param({"512", "8192"})
        public int rows;

        /** {@code exact}: float activations on the file's layout; {@code fast}: packed rows, 8-bit activations. */
        @Param({"exact", "fast"})
        public String precision;

        WeightMatrix matrix;
        WorkerPool singleThread;
        float[] x;
        float[] out;

        @Setup
        public void prepare() {
            GgmlType ggml = GgmlType.valueOf(type);
            MatrixKernel kernel = MatrixKernel.of(ggml).orElseThrow();
            MemorySegment data = RandomWeights.rows(kernel, rows, COLS, 1);
            PackedRows packed = null;
            if (precision.equals("fast") && PackedRows.supports(ggml)) {
                MemorySegment target = java.lang.foreign.Arena.ofAuto().allocate(PackedRows.bytes(ggml, rows, COLS), 64);
                PackedRows.repack(ggml, data, rows, COLS, target);
                packed = PackedRows.of(ggml, target, rows, COLS);
            }
            matrix = new WeightMatrix(type, kernel, data, rows, COLS, packed);
            singleThread = new WorkerPool(1);
            x = RandomWeights.activations(COLS, 2);
            out = new float[rows];
        }
    }

    /** Eight float rows, sliced as the product slices them, and a block of token activations, transposed. */
    @State(Scope.Benchmark)
    public static class Prefill {
        float[] weights = RandomWeights.activations(FloatTiles.ROWS * COLS, 4);
        float[] tokens = RandomWeights.activations(TOKENS * COLS, 3);
        float[] sums = new float[FloatTiles.ROWS * FloatTiles.ACC_STRIDE];

        @Setup
        public void transpose() {
            float[] x = tokens;
            tokens = new float[COLS * TOKENS];
            FloatTiles.transpose(x, COLS, COLS, TOKENS, false, 0, COLS, tokens, TOKENS, COLS);
        }
    }

    /** Four rows and one token's activations of 2,048 signed 8-bit values held in shorts, in L1. */
    @State(Scope.Benchmark)
    public static class Int16 {
        short[][] rows = new short[4][COLS];
        short[] x = new short[COLS];
        int[] sums = new int[COLS / 2];

        @Setup
        public void fill() {
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < COLS; i++) {
                x[i] = (short) random.nextInt(-127, 128);
                for (short[] row : rows) {
                    row[i] = (short) random.nextInt(-127, 128);
                }
            }
        }
    }

    @Benchmark
    public int int16Dot(Int16 s) {
        short[] a = s.rows[0];
        short[] x = s.x;
        int sum = 0;
        for (int i = 0; i < COLS; i += 2) {
            sum += a[i] * x[i] + a[i + 1] * x[i + 1];
        }
        return sum;
    }

    @Benchmark
    public int int16Dot4Rows(Int16 s) {
        short[] a0 = s.rows[0];
        short[] a1 = s.rows[1];
        short[] a2 = s.rows[2];
        short[] a3 = s.rows[3];
        short[] x = s.x;
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        for (int i = 0; i < COLS; i += 2) {
            s0 += a0[i] * x[i] + a0[i + 1] * x[i + 1];
            s1 += a1[i] * x[i] + a1[i + 1] * x[i + 1];
            s2 += a2[i] * x[i] + a2[i + 1] * x[i + 1];
            s3 += a3[i] * x[i] + a3[i + 1] * x[i + 1];
        }
        return s0 + s1 + s2 + s3;
    }

    @Benchmark
    public int[] int16Accumulate(Int16 s) {
        short[] a = s.rows[0];
        short[] x = s.x;
        int[] out = s.sums;
        for (int i = 0; i < COLS / 2; i++) {
            out[i] += a[2 * i] * x[2 * i] + a[2 * i + 1] * x[2 * i + 1];
        }
        return out;
    }

    @Benchmark
    public float[] matVec(Decode d) {
        d.matrix.matVec(d.singleThread, d.x, d.out);
        return d.out;
    }

    @Benchmark
    public float[] tile(Prefill p) {
        int slice = FloatTiles.K_SLICE;
        for (int k0 = 0; k0 < COLS; k0 += slice) {
            FloatTiles.multiply(p.weights, FloatTiles.ROWS, slice, p.tokens, TOKENS, COLS, k0, 0, TILE_TOKENS, p.sums,
                    0);
        }
        return p.sums;
    }

    @Benchmark
    public float fmaPeak(Prefill p) {
        FloatVector m = FloatVector.broadcast(Vectors.F, 0.999f);
        FloatVector a = FloatVector.broadcast(Vectors.F, p.weights[0]);
        FloatVector c0 = a, c1 = a.add(1), c2 = a.add(2), c3 = a.add(3), c4 = a.add(4);
        FloatVector c5 = a.add(5), c6 = a.add(6), c7 = a.add(7), c8 = a.add(8), c9 = a.add(9);
        for (int i = 0; i < 1024; i++) {
            c0 = c0.fma(m, a);
            c1 = c1.fma(m, a);
            c2 = c2.fma(m, a);
            c3 = c3.fma(m, a);
            c4 = c4.fma(m, a);
            c5 = c5.fma(m, a);
            c6 = c6.fma(m, a);
            c7 = c7.fma(m, a);
            c8 = c8.fma(m, a);
            c9 = c9.fma(m, a);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9)
                .reduceLanes(VectorOperators.ADD);
    }
}
