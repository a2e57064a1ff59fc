package io.lariat.engine.kernels;

import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufTensorInfo;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One thread's cost of a small-batch product (1 to 64 tokens) of one Q4_0 matrix of a GGUF file, exact, fast
 * (8-bit dot products) and the fast path's float tiles of its packed rows interleaved, in thread CPU time per token:
 * how far sharing each row's decoding across the tokens of a batch goes, and from which batch the float tiles win. Arguments: GGUF file, tensor name (default {@code blk.0.ffn_gate.weight}), rounds. Run with the test
 * classpath and {@code --add-modules jdk.incubator.vector}.
 */
public final class SmallBatchRates {
    private static final int[] BATCHES = {1, 2, 4, 8, 16, 32, 64};

    private SmallBatchRates() {
    }

    /** Prints one line per precision and batch. */
    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        String name = args.length > 1 ? args[1] : "blk.0.ffn_gate.weight";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (GgufFile file = GgufFile.open(Path.of(args[0])); Arena arena = Arena.ofConfined();
             WorkerPool pool = new WorkerPool(1)) {
            GgufTensorInfo info = file.tensor(name).orElseThrow();
            int cols = (int) info.shape()[0];
            int rows = (int) info.shape()[1];
            MemorySegment data = file.tensorData(info);
            MemorySegment packedData = arena.allocate(PackedRows.bytes(GgmlType.Q4_0, rows, cols), 64);
            PackedRows.repack(GgmlType.Q4_0, data, rows, cols, packedData);
            WeightMatrix[] matrices = {new WeightMatrix(name, Q4_0Kernel.INSTANCE, data, rows, cols),
                new WeightMatrix(name, Q4_0Kernel.INSTANCE, data, rows, cols,
                        PackedRows.of(GgmlType.Q4_0, packedData, rows, cols))};
            float[] x = new float[64 * cols];
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            float[] out = new float[64 * rows];
            String[] variants = {"exact", "fast", "fast-tiles"};
            double[][] nanos = new double[variants.length][BATCHES.length];
            for (int round = 0; round <= rounds; round++) {
                for (int m = 0; m < variants.length; m++) {
                    for (int b = 0; b < BATCHES.length; b++) {
                        long start = cpu.getCurrentThreadCpuTime();
                        for (int rep = 0; rep < 20; rep++) {
                            if (m < 2) {
                                matrices[m].matMul(pool, x, BATCHES[b], out);
                            } else {
                                // the packed rows' float tiles, which the fast path takes from WeightMatrix.packedTileBatch on
                                int stride = FloatTiles.paddedTokens(BATCHES[b]);
                                float[] xT = matrices[1].transposeTokens(pool, x, BATCHES[b], stride);
                                matrices[1].tileRows(xT, stride, BATCHES[b], 0, matrices[1].rowGroups(), out);
                            }
                        }
                        if (round > 0) {
                            nanos[m][b] += cpu.getCurrentThreadCpuTime() - start;
                        }
                    }
                }
            }
            for (int m = 0; m < variants.length; m++) {
                for (int b = 0; b < BATCHES.length; b++) {
                    double perToken = nanos[m][b] / (rounds * 20.0 * BATCHES[b]);
                    System.out.printf(Locale.ROOT, "%s %s batch %d: %.3f ms CPU per token, %.2fx one token's rate%n",
                            name, variants[m], BATCHES[b], perToken / 1e6,
                            nanos[m][0] / rounds / 20.0 / perToken);
                }
            }
        }
    }
}
