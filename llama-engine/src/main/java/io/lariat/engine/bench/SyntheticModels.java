package io.lariat.engine.bench;

import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.gguf.GgufWriter;
import io.lariat.engine.gguf.Quantizers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes Llama models of a given shape with seeded random weights, through the project's {@link GgufWriter}, so
 * that benchmarks and tests need no download. Weight matrices take the requested type; norms and RoPE factors are
 * F32 (as in real files). No tokenizer is included: these models are driven by token ids.
 */
public final class SyntheticModels {
    /** Spread of the uniform random weights: small enough that activations stay finite through many layers. */
    private static final float WEIGHT_RANGE = 0.05f;

    private SyntheticModels() {
    }

    /** Lariat's default cache folder for synthetic models: {@code ~/.lariat/cache/synthetic}. */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".lariat", "cache", "synthetic");
    }

    /** Where {@link #cached} keeps the model of {@code shape} and {@code type}, whether or not it exists yet. */
    public static Path path(Path cacheDir, ModelShape shape, GgmlType type) {
        return cacheDir.resolve("synthetic-llama-" + shape.name() + "-" + type.name().toLowerCase(Locale.ROOT)
                + ".gguf");
    }

    /**
     * The model of {@code shape} and {@code type} in {@code cacheDir}, written first when absent (named e.g.
     * {@code synthetic-llama-1b-q4_0.gguf}; written to a temporary file and moved into place, so an interrupted
     * write never leaves a file that looks complete).
     */
    public static Path cached(Path cacheDir, ModelShape shape, GgmlType type) {
        Path target = path(cacheDir, shape, type);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try {
            Files.createDirectories(cacheDir);
            Path partial = Files.createTempFile(cacheDir, target.getFileName().toString(), ".partial");
            try {
                write(partial, shape, type, 42);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write synthetic model to " + cacheDir + ": " + e.getMessage(), e);
        }
        return target;
    }

    /**
     * Writes a model of {@code shape} with weight matrices in {@code type} to {@code file}.
     *
     * @throws IllegalArgumentException if the writer cannot encode {@code type} from floats
     */
    public static void write(Path file, ModelShape shape, GgmlType type, long seed) {
        if (!Quantizers.supports(type)) {
            throw new IllegalArgumentException("synthetic models can be written as F32, F16, BF16, Q8_0 or Q4_0, not "
                    + type);
        }
        GgufWriter writer = header(shape);
        long[] seeds = new SplittableRandom(seed).longs(4 + 9L * shape.layers()).toArray();
        int s = 0;
        writer.tensor("token_embd.weight", type, shape2(shape.dim(), shape.vocabSize()), random(seeds[s++]));
        if (shape.ropeScale() > 0) {
            writer.tensor("rope_freqs.weight", GgmlType.F32, new long[] {shape.headDim() / 2},
                    ropeFactors(shape.headDim(), 500000f, shape.ropeScale()));
        }
        for (int layer = 0; layer < shape.layers(); layer++) {
            String p = "blk." + layer + ".";
            int kvDim = shape.kvHeads() * shape.headDim();
            writer.tensor(p + "attn_norm.weight", GgmlType.F32, new long[] {shape.dim()}, norm(seeds[s++]))
                    .tensor(p + "attn_q.weight", type, shape2(shape.dim(), shape.dim()), random(seeds[s++]))
                    .tensor(p + "attn_k.weight", type, shape2(shape.dim(), kvDim), random(seeds[s++]))
                    .tensor(p + "attn_v.weight", type, shape2(shape.dim(), kvDim), random(seeds[s++]))
                    .tensor(p + "attn_output.weight", type, shape2(shape.dim(), shape.dim()), random(seeds[s++]))
                    .tensor(p + "ffn_norm.weight", GgmlType.F32, new long[] {shape.dim()}, norm(seeds[s++]))
                    .tensor(p + "ffn_gate.weight", type, shape2(shape.dim(), shape.hiddenDim()), random(seeds[s++]))
                    .tensor(p + "ffn_up.weight", type, shape2(shape.dim(), shape.hiddenDim()), random(seeds[s++]))
                    .tensor(p + "ffn_down.weight", type, shape2(shape.hiddenDim(), shape.dim()), random(seeds[s++]));
        }
        writer.tensor("output_norm.weight", GgmlType.F32, new long[] {shape.dim()}, norm(seeds[s++]));
        if (!shape.tiedEmbeddings()) {
            writer.tensor("output.weight", type, shape2(shape.dim(), shape.vocabSize()), random(seeds[s]));
        }
        writer.write(file);
    }

    private static GgufWriter header(ModelShape shape) {
        return new GgufWriter()
                .put("general.architecture", "llama")
                .put("general.name", "synthetic-llama-" + shape.name())
                .putUInt32("llama.context_length", shape.contextLength())
                .putUInt32("llama.embedding_length", shape.dim())
                .putUInt32("llama.block_count", shape.layers())
                .putUInt32("llama.feed_forward_length", shape.hiddenDim())
                .putUInt32("llama.attention.head_count", shape.heads())
                .putUInt32("llama.attention.head_count_kv", shape.kvHeads())
                .putUInt32("llama.vocab_size", shape.vocabSize())
                .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .putFloat32("llama.rope.freq_base", 500000f);
    }

    /**
     * Llama 3.1's RoPE frequency divisors as the GGUF converter computes them (low-frequency factor 1,
     * high-frequency factor 4, original context 8192): 1 for short wavelengths, {@code scale} for long ones, a smooth
     * blend between.
     */
    static float[] ropeFactors(int headDim, float theta, float scale) {
        double lowWavelength = 8192 / 1.0;
        double highWavelength = 8192 / 4.0;
        float[] factors = new float[headDim / 2];
        for (int i = 0; i < factors.length; i++) {
            double wavelength = 2 * Math.PI * Math.pow(theta, 2.0 * i / headDim);
            if (wavelength < highWavelength) {
                factors[i] = 1f;
            } else if (wavelength > lowWavelength) {
                factors[i] = scale;
            } else {
                double smooth = (8192 / wavelength - 1) / (4 - 1);
                factors[i] = (float) (1 / ((1 - smooth) / scale + smooth));
            }
        }
        return factors;
    }

    private static long[] shape2(int cols, int rows) {
        return new long[] {cols, rows};
    }

    private static GgufWriter.RowSource random(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return (row, destination) -> {
            for (int i = 0; i < destination.length; i++) {
                destination[i] = (float) ((random.nextDouble() * 2 - 1) * WEIGHT_RANGE);
            }
        };
    }

    private static GgufWriter.RowSource norm(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return (row, destination) -> {
            for (int i = 0; i < destination.length; i++) {
                destination[i] = (float) (0.8 + 0.4 * random.nextDouble());
            }
        };
    }
}
