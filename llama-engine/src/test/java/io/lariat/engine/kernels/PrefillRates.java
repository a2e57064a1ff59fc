package io.lariat.engine.kernels;

import io.lariat.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Multi-token product rates (prefill) in G multiply-adds per second of thread CPU time, every type and path
 * interleaved in one process, for a machine too busy for wall-clock figures: the exact path's float tiles (from 5
 * tokens: the batches of a few sequences' decode steps as well as prefill), and the fast path at batches below
 * {@link WeightMatrix#packedTileBatch} (8-bit products) and from it on (float tiles of the packed rows). Run after {@code mvn -pl llama-engine test-compile}: {@code java --add-modules
 * jdk.incubator.vector -cp <test classpath> io.lariat.engine.kernels.PrefillRates [rows [cols]]}.
 */
public final class PrefillRates {
    private static final int[] BATCHES = {8, 15, 16, 64, 128};

    private PrefillRates() {
    }

    /** Prints one line per type, path and batch: rate per thread of CPU time. */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int cols = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        GgmlType[] types = {GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K, GgmlType.Q8_0, GgmlType.F16};
        WeightMatrix[][] matrices = new WeightMatrix[types.length][2];
        for (int t = 0; t < types.length; t++) {
            MatrixKernel kernel = MatrixKernel.of(types[t]).orElseThrow();
            MemorySegment data = RandomWeights.rows(kernel, rows, cols, t);
            matrices[t][0] = new WeightMatrix("exact", kernel, data, rows, cols);
            if (PackedRows.supports(types[t])) {
                MemorySegment packed = Arena.ofAuto().allocate(PackedRows.bytes(types[t], rows, cols), 64);
                PackedRows.repack(types[t], data, rows, cols, packed);
                matrices[t][1] = new WeightMatrix("fast", kernel, data, rows, cols,
                        PackedRows.of(types[t], packed, rows, cols));
            }
        }
        int maxBatch = BATCHES[BATCHES.length - 1];
        float[] x = RandomWeights.activations(maxBatch * cols, 2);
        float[] out = new float[maxBatch * rows];
        long[][][] nanos = new long[types.length][2][BATCHES.length];
        try (WorkerPool pool = new WorkerPool(1)) {
            for (int round = 0; round < 8; round++) {
                for (int t = 0; t < types.length; t++) {
                    for (int p = 0; p < 2; p++) {
                        for (int b = 0; b < BATCHES.length; b++) {
                            if (matrices[t][p] == null) {
                                continue;
                            }
                            long start = threads.getCurrentThreadCpuTime();
                            matrices[t][p].matMul(pool, x, BATCHES[b], out);
                            if (round >= 3) {
                                nanos[t][p][b] += threads.getCurrentThreadCpuTime() - start;
                            }
                        }
                    }
                }
            }
        }
        for (int t = 0; t < types.length; t++) {
            for (int p = 0; p < 2; p++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-5s %-5s %dx%d", types[t],
                        p == 0 ? "exact" : "fast", rows, cols));
                for (int b = 0; b < BATCHES.length; b++) {
                    if (nanos[t][p][b] > 0) {
                        line.append(String.format(Locale.ROOT, "  b%d %.1f", BATCHES[b],
                                5.0 * BATCHES[b] * rows * cols / nanos[t][p][b]));
                    }
                }
                if (line.indexOf(" b") > 0) {
                    System.out.println(line + "  G multiply-adds/s per thread");
                }
            }
        }
    }
}
