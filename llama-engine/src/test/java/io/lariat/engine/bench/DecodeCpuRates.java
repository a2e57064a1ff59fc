package io.lariat.engine.bench;

import io.lariat.engine.EngineOptions;
import io.lariat.engine.EngineSession;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.Precision;
import io.lariat.engine.sampling.Sampler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Single-thread decode and prefill rates in tokens per second of the calling thread's CPU time (with one kernel
 * thread all the work runs on it), exact and fast engines interleaved in one process: the figure to compare on a
 * machine too busy for wall-clock rates. Arguments: GGUF files. Run with the test classpath and
 * {@code --add-modules jdk.incubator.vector}.
 */
public final class DecodeCpuRates {
    private static final int TOKENS = 16;
    private static final int PROMPT = 64;
    private static final int ROUNDS = 4;

    private DecodeCpuRates() {
    }

    /** Prints one line per file and precision. */
    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<LlamaEngine> engines = new ArrayList<>();
        for (String file : args) {
            for (Precision precision : Precision.values()) {
                engines.add(LlamaEngine.load(Path.of(file), EngineOptions.builder().threads(1).precision(precision)
                        .build()));
            }
        }
        double[] decodeNanos = new double[engines.size()];
        double[] prefillNanos = new double[engines.size()];
        for (int round = 0; round < ROUNDS; round++) {
            for (int e = 0; e < engines.size(); e++) {
                try (EngineSession session = engines.get(e).newSession(PROMPT + TOKENS + 2)) {
                    int[] prompt = new int[PROMPT];
                    for (int i = 0; i < PROMPT; i++) {
                        prompt[i] = (i * 7919 + round) % engines.get(e).config().vocabSize();
                    }
                    long start = cpu.getCurrentThreadCpuTime();
                    session.prefill(prompt);
                    long prefilled = cpu.getCurrentThreadCpuTime();
                    for (int i = 0; i < TOKENS; i++) {
                        session.append(Sampler.argmax(session.logits()));
                    }
                    long end = cpu.getCurrentThreadCpuTime();
                    if (round > 0) {
                        prefillNanos[e] += prefilled - start;
                        decodeNanos[e] += end - prefilled;
                    }
                }
            }
        }
        for (int e = 0; e < engines.size(); e++) {
            System.out.printf(Locale.ROOT, "%-40s %-5s pp%d %.2f tok/CPU-s   tg%d %.2f tok/CPU-s%n",
                    engines.get(e).path().getFileName(), engines.get(e).options().precision(), PROMPT,
                    (ROUNDS - 1) * PROMPT / (prefillNanos[e] / 1e9), TOKENS,
                    (ROUNDS - 1) * TOKENS / (decodeNanos[e] / 1e9));
            engines.get(e).close();
        }
    }
}
