package io.lariat.engine.kernels;

import io.lariat.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Decode row-kernel rates in G multiply-adds per second of thread CPU time, exact and fast paths interleaved in one
 * process, for a machine too busy for wall-clock figures. Run after {@code mvn -pl llama-engine test-compile}:
 * {@code java --add-modules jdk.incubator.vector -cp <test classpath> io.lariat.engine.kernels.KernelRates [rows [types]]},
 * types as a comma-separated list such as {@code Q8_0,Q6_K} (default all four). The fast path is measured twice: as
 * decode runs it ({@link PackedRows#dotRows} over each thread's share) and row by row ({@link PackedRows#dot}), so
 * that a layout's multi-row kernel is compared with its single-row one; at 2,048 columns, 8,192 rows of Q8_0 fit in
 * this machine's L3 and 262,144 rows stream from memory as a real model's decode does.
 */
public final class KernelRates {
    private static final int COLS = 2048;

    private KernelRates() {
    }

    /** Prints one line per type and path: rate per thread of CPU time. */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        GgmlType[] types = args.length > 1
                ? java.util.Arrays.stream(args[1].split(",")).map(GgmlType::valueOf).toArray(GgmlType[]::new)
                : new GgmlType[] {GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K, GgmlType.Q8_0};
        WeightMatrix[][] matrices = new WeightMatrix[types.length][3];
        for (int t = 0; t < types.length; t++) {
            MatrixKernel kernel = MatrixKernel.of(types[t]).orElseThrow();
            MemorySegment data = RandomWeights.rows(kernel, rows, COLS, t);
            matrices[t][0] = new WeightMatrix("exact", kernel, data, rows, COLS);
            if (PackedRows.supports(types[t])) {
                MemorySegment packed = Arena.ofAuto().allocate(PackedRows.bytes(types[t], rows, COLS), 64);
                PackedRows.repack(types[t], data, rows, COLS, packed);
                matrices[t][1] = new WeightMatrix("fast", kernel, data, rows, COLS,
                        PackedRows.of(types[t], packed, rows, COLS));
                matrices[t][2] = matrices[t][1];
            }
        }
        float[] x = RandomWeights.activations(COLS, 2);
        float[] out = new float[rows];
        long[][] nanos = new long[types.length][3];
        QuantizedActivations quantized = new QuantizedActivations();
        int reps = Math.max(2, 200_000 / rows);
        try (WorkerPool pool = new WorkerPool(1)) {
            for (int round = 0; round < 12; round++) {
                for (int t = 0; t < types.length; t++) {
                    for (int p = 0; p < 3; p++) {
                        if (matrices[t][p] == null) {
                            continue;
                        }
                        long start = threads.getCurrentThreadCpuTime();
                        for (int i = 0; i < reps; i++) {
                            if (p == 2) {
                                quantized.quantize(x, 0, COLS);
                                PackedRows packed = matrices[t][p].packed();
                                for (int r = 0; r < rows; r++) {
                                    out[r] = packed.dot(r, quantized);
                                }
                            } else {
                                matrices[t][p].matVec(pool, x, out);
                            }
                        }
                        if (round >= 4) {
                            nanos[t][p] += threads.getCurrentThreadCpuTime() - start;
                        }
                    }
                }
            }
        }
        for (int t = 0; t < types.length; t++) {
            for (int p = 0; p < 3; p++) {
                if (nanos[t][p] > 0) {
                    double macs = 8.0 * reps * rows * COLS;
                    System.out.printf(Locale.ROOT, "%-5s %-8s rows=%d  %.1f G multiply-adds/s per thread%n",
                            types[t], new String[] {"exact", "fast", "fast-dot"}[p], rows, macs / nanos[t][p]);
                }
            }
        }
    }
}
