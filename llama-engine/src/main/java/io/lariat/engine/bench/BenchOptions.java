package io.lariat.engine.bench;

import io.lariat.engine.Precision;
import io.lariat.engine.gguf.GgmlType;
import java.nio.file.Path;

/**
 * What {@link Benchmark} measures: a model file, or a synthetic model of a real shape and type written to a cache
 * folder first; the prompt length of the prefill test; the tokens of the decode test; the threads.
 *
 * @param model           GGUF file to measure, or {@code null} for a synthetic model
 * @param synthetic       shape of the synthetic model (used when {@code model} is null)
 * @param syntheticType   weight type of the synthetic model (F32, F16, BF16, Q8_0 or Q4_0)
 * @param cacheDir        folder for synthetic models
 * @param promptTokens    tokens of the prefill test (llama-bench's pp, default 512); 0 skips it (decode only)
 * @param generatedTokens tokens of the decode test (llama-bench's tg, default 128)
 * @param threads         kernel threads
 * @param repetitions     measured runs of each test; the report gives their mean rate
 * @param depth           tokens already in the context when each test starts (llama-bench's -d, default 0)
 * @param precision       the engine's precision
 * @param kernelBound     whether each decode test is followed by as many steps of its row products alone
 *                        (the decode step's kernel-only bound)
 * @param mmap            whether the weights are read through mappings (the engine's default) or read into memory
 *                        at load (llama-bench's {@code -mmp 1} and {@code -mmp 0})
 */
public record BenchOptions(Path model, ModelShape synthetic, GgmlType syntheticType, Path cacheDir, int promptTokens,
                           int generatedTokens, int threads, int repetitions, int depth, Precision precision,
                           boolean kernelBound, boolean mmap) {

    /** Validates the values. */
    public BenchOptions {
        if (model == null && (synthetic == null || syntheticType == null || cacheDir == null)) {
            throw new IllegalArgumentException("give a model file or a synthetic shape, type and cache folder");
        }
        if (promptTokens < 0 || depth < 0) {
            throw new IllegalArgumentException("prompt tokens and depth must not be negative");
        }
        if (generatedTokens < 1 || threads < 1 || repetitions < 1) {
            throw new IllegalArgumentException("generated tokens, threads and repetitions must be positive");
        }
        if (precision == null) {
            throw new IllegalArgumentException("precision must not be null");
        }
    }

    /** Options for a model file with llama-bench's defaults (512 prompt, 128 generated, all cores, 1 run). */
    public static BenchOptions forModel(Path model) {
        return new BenchOptions(model, null, null, null, 512, 128, Runtime.getRuntime().availableProcessors(), 1, 0,
                Precision.DEFAULT, false, true);
    }

    /** Options for a synthetic model with llama-bench's defaults, cached in the default folder. */
    public static BenchOptions forSynthetic(ModelShape shape, GgmlType type) {
        return new BenchOptions(null, shape, type, SyntheticModels.defaultCacheDir(), 512, 128,
                Runtime.getRuntime().availableProcessors(), 1, 0, Precision.DEFAULT, false, true);
    }

    /** A copy with other test sizes. */
    public BenchOptions withTokens(int prompt, int generated) {
        return new BenchOptions(model, synthetic, syntheticType, cacheDir, prompt, generated, threads, repetitions,
                depth, precision, kernelBound, mmap);
    }

    /** A copy with another thread count. */
    public BenchOptions withThreads(int count) {
        return new BenchOptions(model, synthetic, syntheticType, cacheDir, promptTokens, generatedTokens, count,
                repetitions, depth, precision, kernelBound, mmap);
    }

    /** A copy with another number of measured runs. */
    public BenchOptions withRepetitions(int count) {
        return new BenchOptions(model, synthetic, syntheticType, cacheDir, promptTokens, generatedTokens, threads,
                count, depth, precision, kernelBound, mmap);
    }

    /** A copy that starts each test with {@code tokens} tokens already in the context. */
    public BenchOptions withDepth(int tokens) {
        return new BenchOptions(model, synthetic, syntheticType, cacheDir, promptTokens, generatedTokens, threads,
                repetitions, tokens, precision, kernelBound, mmap);
    }

    /** A copy with another precision. */
    public BenchOptions withPrecision(Precision value) {
        return new BenchOptions(model, synthetic, syntheticType, cacheDir, promptTokens, generatedTokens, threads,
                repetitions, depth, value, kernelBound, mmap);
    }

    /** A copy that also measures (or not) the decode step's kernel-only bound. */
    public BenchOptions withKernelBound(boolean value) {
        return new BenchOptions(model, synthetic, syntheticType, cacheDir, promptTokens, generatedTokens, threads,
                repetitions, depth, precision, value, mmap);
    }

    /** A copy that reads the weights through mappings ({@code true}) or into memory. */
    public BenchOptions withMmap(boolean value) {
        return new BenchOptions(model, synthetic, syntheticType, cacheDir, promptTokens, generatedTokens, threads,
                repetitions, depth, precision, kernelBound, value);
    }
}
