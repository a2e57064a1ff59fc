package io.lariat.engine.bench;

import io.lariat.engine.EngineOptions;
import io.lariat.engine.EngineSession;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufTensorInfo;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Measures prefill and decode speed like llama-bench: a prompt of random ids evaluated from an empty cache (pp),
 * then greedy decoding token by token (tg). One warm-up run first lets the JIT compile the kernels. On request each
 * decode test is followed by as many steps of its row products alone ({@link EngineSession#rowProductsOnly}), in the
 * same minutes and process: the decode step's kernel-only bound, against which the rest of the step (norms, RoPE,
 * attention, quantization, the threads' hand-offs) shows as the missing share. Not thread-safe; runs on the calling
 * thread plus the engine's pool.
 */
public final class Benchmark {
    private static final int WARM_UP_DECODE = 16;
    /** Warm-up rounds end once a round compiles nothing, or after this long. */
    private static final long WARM_UP_LIMIT_NANOS = 15_000_000_000L;

    private Benchmark() {
    }

    /** Runs the benchmark described by {@code options}. */
    public static BenchReport run(BenchOptions options) {
        Path file = options.model() != null ? options.model()
                : SyntheticModels.cached(options.cacheDir(), options.synthetic(), options.syntheticType());
        EngineOptions.Builder builder = EngineOptions.builder().threads(options.threads())
                .precision(options.precision()).mmap(options.mmap());
        if (options.model() == null) {
            // a synthetic model's packed copy sits next to it
            builder.packedDir(options.cacheDir());
        }
        EngineOptions engineOptions = builder.build();
        try (LlamaEngine engine = LlamaEngine.load(file, engineOptions)) {
            int context = Math.min(engine.config().contextLength(), options.depth()
                    + Math.max(options.promptTokens(), 1) + Math.max(options.generatedTokens(), WARM_UP_DECODE));
            SplittableRandom random = new SplittableRandom(1);
            try (EngineSession session = engine.newSession(context)) {
                int vocab = engine.config().vocabSize();
                int[] context0 = prompt(random, options.depth(), vocab);
                warmUp(session, random, vocab, options.promptTokens(), options.kernelBound());
                double prefill = 0;
                double decode = 0;
                double bound = 0;
                for (int run = 0; run < options.repetitions(); run++) {
                    double[] rates = runOnce(session, context0, prompt(random, options.promptTokens(), vocab),
                            options.generatedTokens());
                    prefill += rates[0];
                    decode += rates[1];
                    if (options.kernelBound()) {
                        bound += rowProductsOnly(session, options.generatedTokens());
                    }
                }
                int runs = options.repetitions();
                return report(file, engine, options, prefill / runs, decode / runs, bound / runs);
            }
        }
    }

    /**
     * Untimed rounds until the JIT is idle for a whole round (or {@link #WARM_UP_LIMIT_NANOS} has passed): first
     * decode alone, then the test's prefill (when it has one) followed by decode. C2 compiles the large vector
     * kernels over several seconds, and a compiler thread that still runs during the measurement takes one of the
     * kernel threads' cores (on 2 cores, 1B Q4_0 decode measured 18-20 or 30-32 tokens/s from run to run after a
     * single short warm-up). Decode gets its own rounds because a round with a 128-token prompt spends two thirds of
     * its time in prefill: in 15 s of such rounds the decode step's own methods were not yet C2-compiled, and were
     * compiled during the measured decode, which read 27-30 tokens/s against 32-33 without a prompt (1B Q4_0). The
     * prompt has the test's length, as llama-bench's warm-up has: a batch's token count selects the tiles (128
     * tokens end with a panel of 2 vectors, which a 64-token prompt never reaches), so a shorter warm-up left the
     * first measured prefill compiling them (250 ms of JIT time in it).
     */
    private static void warmUp(EngineSession session, SplittableRandom random, int vocab, int promptTokens,
                               boolean kernelBound) {
        untilJitIdle(() -> runOnce(session, new int[0], new int[0], WARM_UP_DECODE));
        if (kernelBound) {
            untilJitIdle(() -> rowProductsOnly(session, WARM_UP_DECODE));
        }
        if (promptTokens > 0) {
            untilJitIdle(() -> runOnce(session, new int[0], prompt(random, promptTokens, vocab), WARM_UP_DECODE));
        }
    }

    /** Runs {@code round} until a whole round compiles nothing, or {@link #WARM_UP_LIMIT_NANOS} has passed. */
    private static void untilJitIdle(Runnable round) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long compiled = -1;
        do {
            long before = compiled;
            round.run();
            compiled = timed ? jit.getTotalCompilationTime() : before;
            if (compiled == before) {
                return;
            }
        } while (System.nanoTime() - start < WARM_UP_LIMIT_NANOS);
    }

    /**
     * One prefill test (skipped for an empty prompt) and one decode test, each after the untimed {@code depth}
     * tokens; returns {prefill tokens/s, decode tokens/s}.
     */
    private static double[] runOnce(EngineSession session, int[] depth, int[] prompt, int generated) {
        double prefill = 0;
        if (prompt.length > 0) {
            startAtDepth(session, depth);
            // prefill takes the whole id list: the depth is kept and only the prompt after it is evaluated
            int[] full = java.util.Arrays.copyOf(depth, depth.length + prompt.length);
            System.arraycopy(prompt, 0, full, depth.length, prompt.length);
            long start = System.nanoTime();
            int evaluated = session.prefill(full).evaluated();
            prefill = evaluated / ((System.nanoTime() - start) / 1e9);
        }
        // decode right after the depth (or one token at the start of the context, as llama-bench's tg test does)
        startAtDepth(session, depth.length > 0 ? depth : new int[] {1});
        long start = System.nanoTime();
        for (int i = 0; i < generated; i++) {
            session.append(session.mostLikelyNext());
        }
        double decode = generated / ((System.nanoTime() - start) / 1e9);
        return new double[] {prefill, decode};
    }

    /** {@code steps} decode steps' row products alone, right after a decode test; returns steps/s. */
    private static double rowProductsOnly(EngineSession session, int steps) {
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            session.rowProductsOnly();
        }
        return steps / ((System.nanoTime() - start) / 1e9);
    }

    private static void startAtDepth(EngineSession session, int[] depth) {
        session.reset();
        if (depth.length > 0) {
            session.prefill(depth);
        }
    }

    private static int[] prompt(SplittableRandom random, int length, int vocab) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = random.nextInt(vocab);
        }
        return ids;
    }

    private static BenchReport report(Path file, LlamaEngine engine, BenchOptions options, double prefill,
                                      double decode, double kernelBound) {
        Map<GgmlType, Long> bytesByType = new EnumMap<>(GgmlType.class);
        long parameters = 0;
        long size;
        try (GgufFile gguf = GgufFile.open(file)) {
            for (GgufTensorInfo tensor : gguf.tensors()) {
                bytesByType.merge(tensor.type(), tensor.byteSize(), Long::sum);
                parameters += tensor.elementCount();
            }
            size = gguf.fileSize();
        }
        String type = bytesByType.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> e.getKey().name())
                .orElse("none");
        return new BenchReport(file.toString(), type, size, parameters, options.threads(), options.promptTokens(),
                options.generatedTokens(), prefill, decode, engine.loadDuration(), options.depth(),
                options.precision(), kernelBound, options.mmap());
    }
}
