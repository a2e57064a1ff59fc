package io.lariat.engine.kernels;

import io.lariat.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast path's Q4_0 decode kernel streaming packed rows from memory, against a loop that only loads the same
 * bytes (four streams a quarter of the share apart, as the kernel reads them), in GB/s of weights per thread of CPU
 * time, with one thread and with two (each its own half): whether decode waits on memory or on arithmetic. Rows of
 * 2,048 columns; the buffer should exceed what the machine caches (on the session-8 Xeon a 300 MB buffer streamed
 * as fast as 1.5 GB, a 60 MB one partly stayed cached). Also the single-row kernel ({@link PackedRows#dot}), which
 * decode uses for a share's last rows. Run after {@code mvn -pl llama-engine test-compile}: {@code java
 * --add-modules jdk.incubator.vector -cp llama-engine/target/classes:llama-engine/target/test-classes
 * io.lariat.engine.kernels.StreamingRates [MB [rounds]]} (default 1500 MB, 2 rounds; 1 MB measures the kernel in
 * L2, where only arithmetic limits it).
 */
public final class StreamingRates {
    private static final int COLS = 2048;
    /** Rows per {@link PackedRows#dotRows} call: about a pool chunk of a decode product. */
    private static final int CHUNK = 64;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final String[] MODES = {"loads", "dotRows", "dot"};

    private StreamingRates() {
    }

    /** Prints one line per mode and thread count and round. */
    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long rowBytes = PackedRows.bytes(GgmlType.Q4_0, 1, COLS);
        int rows = (int) (megabytes * 1_000_000 / rowBytes) / (2 * CHUNK) * (2 * CHUNK);
        MemorySegment data = Arena.global().allocate(rows * rowBytes, 4096);
        fill(data);
        PackedRows packed = PackedRows.of(GgmlType.Q4_0, data, rows, COLS);
        QuantizedActivations x = new QuantizedActivations();
        x.quantize(RandomWeights.activations(COLS, 2), 0, COLS);
        // small buffers repeat the pass so that each measurement lasts long enough
        int passes = (int) Math.max(1, 1_000_000_000L / data.byteSize());
        for (String mode : MODES) {
            for (int i = 0; i < 20; i++) {
                run(mode, packed, data, x, 0, Math.min(rows, 16 * CHUNK), new float[rows]);
            }
        }
        System.out.printf(Locale.ROOT, "%.0f MB of packed Q4_0 rows (%d x %d), %d passes per measurement%n",
                data.byteSize() / 1e6, rows, COLS, passes);
        // round -1 is not printed: the JIT may still be compiling a loop the warm-up left in a lower tier
        for (int round = -1; round < rounds; round++) {
            for (String mode : MODES) {
                for (int threads = 1; threads <= 2; threads++) {
                    double rate = measure(mode, threads, packed, data, x, rows, passes);
                    if (round < 0) {
                        continue;
                    }
                    System.out.printf(Locale.ROOT, "%-8s %d thread(s): %6.2f GB/s per thread of CPU time%n", mode,
                            threads, rate);
                }
            }
        }
    }

    /** Random nibbles; f16 block factors near 1 (no subnormal floats, which would slow the float unit). */
    private static void fill(MemorySegment data) {
        SplittableRandom random = new SplittableRandom(3);
        for (long at = 0; at < data.byteSize(); at += 8) {
            data.set(ValueLayout.JAVA_LONG_UNALIGNED, at, random.nextLong());
        }
        long groupBytes = PackedRows.bytes(GgmlType.Q4_0, 1, QuantizedActivations.GROUP * QuantizedActivations.BLOCK);
        for (long group = 0; group < data.byteSize() / groupBytes; group++) {
            for (int b = 0; b < QuantizedActivations.GROUP; b++) {
                data.set(ValueLayout.JAVA_SHORT_UNALIGNED, group * groupBytes + 512 + 2 * b,
                        (short) (0x3C00 + random.nextInt(256)));
            }
        }
    }

    private static double measure(String mode, int threads, PackedRows packed, MemorySegment data,
                                  QuantizedActivations x, int rows, int passes) throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[threads];
        CyclicBarrier start = new CyclicBarrier(threads);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int part = t;
            workers[t] = Thread.ofPlatform().start(() -> {
                float[] out = new float[rows];
                int from = rows / threads * part;
                int to = rows / threads * (part + 1);
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                long before = cpu.getCurrentThreadCpuTime();
                for (int pass = 0; pass < passes; pass++) {
                    run(mode, packed, data, x, from, to, out);
                }
                nanos[part] = cpu.getCurrentThreadCpuTime() - before;
            });
        }
        long total = 0;
        for (int t = 0; t < threads; t++) {
            workers[t].join();
            total += nanos[t];
        }
        return (double) data.byteSize() * passes / total;
    }

    private static void run(String mode, PackedRows packed, MemorySegment data, QuantizedActivations x, int from,
                            int to, float[] out) {
        switch (mode) {
            case "loads" -> {
                long rowBytes = PackedRows.bytes(GgmlType.Q4_0, 1, COLS);
                out[from] = loads(data, from * rowBytes, (to - from) / 4 * rowBytes);
            }
            case "dotRows" -> {
                for (int r = from; r < to; r += CHUNK) {
                    packed.dotRows(r, r + CHUNK, x, out, r);
                }
            }
            default -> {
                for (int r = from; r < to; r++) {
                    out[r] = packed.dot(r, x);
                }
            }
        }
    }

    /** Adds up every int of four streams {@code quarter} bytes apart; the sum keeps the loads alive. */
    private static float loads(MemorySegment data, long from, long quarter) {
        IntVector a0 = IntVector.zero(I);
        IntVector a1 = IntVector.zero(I);
        IntVector a2 = IntVector.zero(I);
        IntVector a3 = IntVector.zero(I);
        for (long at = from; at < from + quarter; at += 64) {
            a0 = a0.add(IntVector.fromMemorySegment(I, data, at, ByteOrder.LITTLE_ENDIAN));
            a1 = a1.add(IntVector.fromMemorySegment(I, data, at + quarter, ByteOrder.LITTLE_ENDIAN));
            a2 = a2.add(IntVector.fromMemorySegment(I, data, at + 2 * quarter, ByteOrder.LITTLE_ENDIAN));
            a3 = a3.add(IntVector.fromMemorySegment(I, data, at + 3 * quarter, ByteOrder.LITTLE_ENDIAN));
        }
        return a0.add(a1).add(a2).add(a3).reduceLanes(VectorOperators.ADD);
    }
}
