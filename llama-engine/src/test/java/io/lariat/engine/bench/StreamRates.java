package io.lariat.engine.bench;

import io.lariat.engine.EngineOptions;
import io.lariat.engine.EngineSession;
import io.lariat.engine.Generation;
import io.lariat.engine.GenerationRequest;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.Precision;
import io.lariat.engine.sampling.SamplingOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Aggregate decode rates of 1, 2, 4 and 8 concurrent generations batched by {@link LlamaEngine#step}, in tokens per
 * second of wall time and of the CPU time of the threads doing the work (the stepping thread plus the kernel pool's
 * {@code lariat-kernel-*} threads; JIT and GC threads excluded). The stream counts are interleaved round after round
 * in one process, so a machine that gets busier affects them alike. Arguments: GGUF file, threads, precision
 * ({@code exact} or {@code fast}), rounds, tokens per stream, and optionally the stream counts (default
 * {@code 1,2,4,8}; one count, e.g. {@code 4}, runs only it, say under a profiler). Run with the test classpath and
 * {@code --add-modules jdk.incubator.vector}.
 */
public final class StreamRates {
    private static final int[] STREAMS = {1, 2, 4, 8};
    private static final int PROMPT = 16;

    private StreamRates() {
    }

    /** Prints one line per stream count: wall and CPU tokens per second, and each against the first count's. */
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        Precision precision = Precision.valueOf(args[2].toUpperCase(Locale.ROOT));
        int rounds = Integer.parseInt(args[3]);
        int tokens = Integer.parseInt(args[4]);
        int[] counts = args.length > 5 ? java.util.Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt)
                .toArray() : STREAMS;
        EngineOptions options = EngineOptions.builder().threads(threads).precision(precision)
                .packedDir(file.getParent()).build();
        try (LlamaEngine engine = LlamaEngine.load(file, options)) {
            // every stream count once before timing: each batch size has its own kernels for the JIT to compile
            for (int count : counts) {
                measure(engine, count, 1, 16);
            }
            double[][] sums = new double[counts.length][3];
            for (int round = 0; round < rounds; round++) {
                for (int s = 0; s < counts.length; s++) {
                    double[] r = measure(engine, counts[s], round + 2, tokens);
                    for (int i = 0; i < 3; i++) {
                        sums[s][i] += r[i];
                    }
                }
            }
            double wall1 = sums[0][0] / sums[0][1];
            double cpu1 = sums[0][0] / sums[0][2];
            for (int s = 0; s < counts.length; s++) {
                double wall = sums[s][0] / sums[s][1];
                double cpu = sums[s][0] / sums[s][2];
                System.out.printf(Locale.ROOT, "%s %s t%d streams %d: %.2f tok/s wall (%.2fx), %.2f tok/CPU-s "
                                + "(%.2fx), %.1f ms CPU per token%n", file.getFileName(), precision, threads,
                        counts[s], wall, wall / wall1, cpu, cpu / cpu1, 1000 / cpu);
            }
        }
    }

    /** Decodes {@code tokens} ids on each of {@code streams} sessions together; {tokens, wall s, CPU s}. */
    private static double[] measure(LlamaEngine engine, int streams, int seed, int tokens) {
        SplittableRandom random = new SplittableRandom(seed);
        List<EngineSession> sessions = new ArrayList<>();
        List<Generation> generations = new ArrayList<>();
        int[] counted = new int[1];
        try {
            for (int i = 0; i < streams; i++) {
                int[] prompt = new int[PROMPT];
                for (int t = 0; t < PROMPT; t++) {
                    prompt[t] = random.nextInt(1000, 100_000);
                }
                EngineSession session = engine.newSession(PROMPT + tokens + 1);
                sessions.add(session);
                generations.add(session.start(GenerationRequest.builder(prompt).sampling(SamplingOptions.greedy())
                        .maxTokens(tokens).build(), id -> {
                            counted[0]++;
                            return true;
                        }));
            }
            // the first step evaluates the prompts; timing starts with the first decode step
            engine.step(generations, engine.options().batchSize());
            counted[0] = 0;
            long cpu = workerCpuNanos();
            long wall = System.nanoTime();
            while (generations.stream().anyMatch(g -> !g.done())) {
                engine.step(generations, engine.options().batchSize());
            }
            return new double[] {counted[0], (System.nanoTime() - wall) / 1e9, (workerCpuNanos() - cpu) / 1e9};
        } finally {
            sessions.forEach(EngineSession::close);
        }
    }

    /** CPU time of this thread and the kernel pool's threads, in nanoseconds. */
    static long workerCpuNanos() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long total = bean.getCurrentThreadCpuTime();
        for (ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("lariat-kernel-")) {
                total += Math.max(0, bean.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}
