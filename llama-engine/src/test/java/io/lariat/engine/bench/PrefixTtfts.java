package io.lariat.engine.bench;

import io.lariat.engine.EngineOptions;
import io.lariat.engine.EngineSession;
import io.lariat.engine.GenerationRequest;
import io.lariat.engine.GenerationResult;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.Precision;
import io.lariat.engine.sampling.SamplingOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Time to first token of a new session whose prompt starts with a prefix another session left in the engine's KV
 * cache, against a cold one (a prefix never seen), in wall time and in the CPU time of the stepping thread and the
 * kernel pool ({@link StreamRates#workerCpuNanos}). Each round takes a fresh random prefix: cold first (which leaves
 * its blocks cached when its session closes), then warm with another suffix. Arguments: GGUF file, threads,
 * precision ({@code exact} or {@code fast}), rounds, prefix tokens, suffix tokens. Run with the test classpath and
 * {@code --add-modules jdk.incubator.vector}.
 */
public final class PrefixTtfts {

    private PrefixTtfts() {
    }

    /** Prints the cold and warm medians of each clock, the warm one as a share of the cold, and the evaluated ids. */
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        Precision precision = Precision.valueOf(args[2].toUpperCase(Locale.ROOT));
        int rounds = Integer.parseInt(args[3]);
        int prefix = Integer.parseInt(args[4]);
        int suffix = Integer.parseInt(args[5]);
        EngineOptions options = EngineOptions.builder().threads(threads).precision(precision)
                .packedDir(file.getParent()).build();
        SplittableRandom random = new SplittableRandom(7);
        try (LlamaEngine engine = LlamaEngine.load(file, options)) {
            firstToken(engine, ids(random, prefix + suffix));
            double[][] cold = new double[2][rounds];
            double[][] warm = new double[2][rounds];
            int[] evaluated = new int[2];
            for (int round = 0; round < rounds; round++) {
                int[] shared = ids(random, prefix);
                evaluated[0] = measure(engine, concat(shared, ids(random, suffix)), cold, round);
                evaluated[1] = measure(engine, concat(shared, ids(random, suffix)), warm, round);
            }
            String[] clocks = {"wall", "CPU"};
            for (int c = 0; c < 2; c++) {
                double coldMs = median(cold[c]);
                double warmMs = median(warm[c]);
                System.out.printf(Locale.ROOT, "%s %s t%d prefix %d + %d: %s TTFT cold %.1f ms (%d ids evaluated), "
                                + "cached prefix %.1f ms (%d evaluated): %.1f%% of cold%n", file.getFileName(),
                        precision, threads, prefix, suffix, clocks[c], coldMs, evaluated[0], warmMs, evaluated[1],
                        100 * warmMs / coldMs);
            }
        }
    }

    /** Times one new session's first token into {@code times[0 or 1][round]} (ms); the ids it evaluated. */
    private static int measure(LlamaEngine engine, int[] prompt, double[][] times, int round) {
        long cpu = StreamRates.workerCpuNanos();
        long wall = System.nanoTime();
        int evaluated = firstToken(engine, prompt);
        times[0][round] = (System.nanoTime() - wall) / 1e6;
        times[1][round] = (StreamRates.workerCpuNanos() - cpu) / 1e6;
        return evaluated;
    }

    private static int firstToken(LlamaEngine engine, int[] prompt) {
        try (EngineSession session = engine.newSession(prompt.length + 2)) {
            GenerationResult result = session.generate(GenerationRequest.builder(prompt)
                    .sampling(SamplingOptions.greedy()).maxTokens(1).build(), id -> true);
            return result.stats().promptTokensEvaluated();
        }
    }

    private static int[] ids(SplittableRandom random, int count) {
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = random.nextInt(1000, 100_000);
        }
        return ids;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
