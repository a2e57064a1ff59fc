package io.lariat.engine.bench;

import io.lariat.engine.Precision;
import java.time.Duration;
import java.util.Locale;

/**
 * The result of a {@link Benchmark} run.
 *
 * @param model           file measured
 * @param modelType       the dominant weight type (the type of most weight bytes), e.g. {@code Q4_0}
 * @param modelBytes      size of the file
 * @param parameters      weights in all tensors
 * @param threads         kernel threads
 * @param promptTokens    tokens of the prefill test
 * @param generatedTokens tokens of the decode test
 * @param prefillTps      prompt tokens per second (mean over runs); 0 when the prefill test was skipped
 * @param decodeTps       generated tokens per second (mean over runs)
 * @param load            time to load the model
 * @param depth           tokens already in the context when each test started
 * @param precision       the engine's precision
 * @param kernelBoundTps  decode steps per second of the row products alone (mean over runs), the rate
 *                        {@code decodeTps} is bounded by; 0 when not measured
 * @param mmap            whether the weights were read through mappings
 */
public record BenchReport(String model, String modelType, long modelBytes, long parameters, int threads,
                          int promptTokens, int generatedTokens, double prefillTps, double decodeTps, Duration load,
                          int depth, Precision precision, double kernelBoundTps, boolean mmap) {

    /**
     * One line of JSON with every field ({@code kernel_bound_tps} only when measured); durations in seconds, rates
     * in tokens per second.
     */
    public String toJson() {
        return String.format(Locale.ROOT, "{\"model\":\"%s\",\"model_type\":\"%s\",\"model_size\":%d,"
                        + "\"model_params\":%d,\"threads\":%d,\"n_prompt\":%d,\"n_gen\":%d,\"prefill_tps\":%.2f,"
                        + "\"decode_tps\":%.2f,\"load_s\":%.3f,\"depth\":%d,\"precision\":\"%s\",\"mmap\":%b%s}",
                escape(model),
                modelType, modelBytes, parameters, threads, promptTokens, generatedTokens, prefillTps, decodeTps,
                load.toNanos() / 1e9, depth, precision.name().toLowerCase(Locale.ROOT), mmap,
                kernelBoundTps > 0 ? String.format(Locale.ROOT, ",\"kernel_bound_tps\":%.2f", kernelBoundTps) : "");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
