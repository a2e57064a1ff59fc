package io.lariat.engine.model;

import io.lariat.engine.kernels.WorkerPool;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * Attention cost per layer at a depth, in thread CPU time on one thread (the machine is too busy for wall-clock
 * figures): one decode token, and a prefill chunk of 64 tokens, against an F16 cache of {@code depth} positions of
 * the Llama 3.2 1B shape (32 query heads on 8 kv heads of width 64) or, with {@code 8b}, the 8B shape (width 128).
 * Also prints the rate at which a decode token reads the cache. Run after {@code mvn -pl llama-engine
 * test-compile}: {@code java --add-modules jdk.incubator.vector -cp <test classpath>
 * io.lariat.engine.model.AttentionRates [depth [1b|8b]]}.
 */
public final class AttentionRates {
    private AttentionRates() {
    }

    /** Prints the cost of one layer's attention for a decode token and per token of a prefill chunk. */
    public static void main(String[] args) {
        int depth = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        boolean large = args.length > 1 && args[1].equals("8b");
        LlamaConfig config = large ? new LlamaConfig(4096, 14336, 1, 32, 8, 128, 100, 131072, 1e-5f, 5e5f)
                : new LlamaConfig(2048, 8192, 1, 32, 8, 64, 100, 131072, 1e-5f, 5e5f);
        int chunk = 64;
        int total = depth + chunk;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (WorkerPool pool = new WorkerPool(1);
             KvCache cache = KvCache.create(config, KvCacheType.F16, 1L << 32);
             KvSequence seq = cache.newSequence(total)) {
            Attention attention = new Attention(config, pool);
            Activations act = new Activations(config, chunk);
            Random random = new Random(1);
            fill(random, act.q, 0.5f);
            fill(random, act.k, 0.5f);
            fill(random, act.v, 1f);
            int[] ids = new int[total];
            for (int from = 0; from < depth; from += chunk) {
                int n = Math.min(chunk, depth - from);
                seq.reserve(ids, from, n, from);
                attention.run(seq, 0, act, 0, n, from);
                seq.commit();
            }
            seq.reserve(ids, depth, chunk, depth);
            long decode = 0;
            long prefill = 0;
            int decodeRuns = 0;
            int prefillRuns = 0;
            for (int round = 0; round < 12; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < 20; i++) {
                    attention.run(seq, 0, act, 0, 1, depth);
                }
                long middle = threads.getCurrentThreadCpuTime();
                attention.run(seq, 0, act, 0, chunk, depth);
                long end = threads.getCurrentThreadCpuTime();
                if (round >= 4) {
                    decode += middle - start;
                    decodeRuns += 20;
                    prefill += end - middle;
                    prefillRuns++;
                }
            }
            double decodeMs = decode / 1e6 / decodeRuns;
            double bytes = 2.0 * config.kvDim() * depth * 2;
            System.out.printf(Locale.ROOT, "%s depth %d: decode %.3f ms per layer (%.1f GB/s of cache), prefill %.3f"
                    + " ms per layer per token of a %d-token chunk%n", large ? "8b" : "1b", depth, decodeMs,
                    bytes / decodeMs / 1e6, prefill / 1e6 / prefillRuns / chunk, chunk);
        }
    }

    private static void fill(Random random, float[] values, float scale) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian() * scale;
        }
    }
}
