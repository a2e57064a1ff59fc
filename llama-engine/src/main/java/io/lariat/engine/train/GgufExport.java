package io.lariat.engine.train;

import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufFormatException;
import io.lariat.engine.gguf.GgufValue;
import io.lariat.engine.gguf.GgufWriter;
import io.lariat.engine.gguf.Quantizers;
import java.lang.foreign.MemorySegment;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a trained model as a Llama 3.1 GGUF that llama.cpp-compatible runtimes load: {@code llama.*} metadata,
 * the full tokenizer copied from a vocabulary GGUF, a given chat template, and tied weights (no
 * {@code output.weight}).
 *
 * <p>Types: the 128,256-row embedding in Q4_0 (its untrained rows are all zero, so their logits stay exactly 0; at
 * width 128, Q8_0 plus the 7.8 MB tokenizer would pass the 25 MB the bundled file may take), the block matrices in
 * F16, norms in F32. {@link #asExported} gives the weights exactly as a reader of the file sees them. RoPE is written without scaling or {@code rope_freqs}: the model was
 * trained with plain adjacent-pair RoPE at base {@link TrainConfig#ropeTheta()}. Stateless.
 */
public final class GgufExport {

    /** ggml's {@code LLAMA_FTYPE_MOSTLY_Q4_0}: most of the file's weight bytes are Q4_0. */
    private static final int FILE_TYPE_MOSTLY_Q4_0 = 2;

    private GgufExport() {
    }

    /**
     * Refuses a shape whose embedding rows the export type cannot hold (a width that is not a whole number of its
     * blocks), so a run can be refused before it trains rather than after.
     *
     * @throws IllegalArgumentException naming the width and the block size
     */
    public static void requireExportable(TrainConfig config) {
        GgmlType embedding = typeOf("token_embd.weight");
        if (config.dim() % embedding.blockSize() != 0) {
            throw new IllegalArgumentException("the exported embedding is " + embedding
                    + ", so the width must be a multiple of " + embedding.blockSize() + ": dim " + config.dim());
        }
    }

    /**
     * Exports {@code model} to {@code out}, taking every {@code tokenizer.*} key from {@code vocabularyGguf} and
     * replacing {@code tokenizer.chat_template} with {@code chatTemplate}.
     *
     * @throws TrainingException if the vocabulary file cannot be read, does not match the model's vocabulary size,
     *                           or the output cannot be written
     */
    public static void write(TrainedModel model, Path vocabularyGguf, String chatTemplate, String name, Path out) {
        GgufWriter writer = new GgufWriter();
        metadata(writer, model.config(), model.vocab().fullSize(), name);
        copyTokenizer(writer, vocabularyGguf, model.vocab().fullSize());
        writer.put("tokenizer.chat_template", chatTemplate);
        for (String tensor : model.tensorNames()) {
            writer.tensor(tensor, typeOf(tensor), model.shape(tensor), model.tensor(tensor));
        }
        try {
            writer.write(out);
        } catch (UncheckedIOException e) {
            throw new TrainingException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * The model with every weight rounded through its export type and back, so evaluation measures the weights a
     * runtime loads from the file rather than the trainer's float32 copy.
     */
    public static TrainedModel asExported(TrainedModel model) {
        float[] values = model.values().clone();
        for (ParameterLayout.Tensor t : model.layout().tensors()) {
            GgmlType type = typeOf(t.name());
            if (type == GgmlType.F32) {
                continue;
            }
            byte[] encoded = new byte[Math.toIntExact(type.byteSize(t.cols()))];
            for (int row = 0; row < t.rows(); row++) {
                int offset = t.offset() + row * t.cols();
                Quantizers.encode(type, values, offset, t.cols(), encoded, 0);
                Quantizers.decode(type, MemorySegment.ofArray(encoded), 0, values, offset, t.cols());
            }
        }
        return new TrainedModel(model.layout(), model.vocab(), values);
    }

    static GgmlType typeOf(String tensor) {
        if (tensor.equals("token_embd.weight")) {
            return GgmlType.Q4_0;
        }
        return tensor.endsWith("norm.weight") ? GgmlType.F32 : GgmlType.F16;
    }

    private static void metadata(GgufWriter w, TrainConfig c, int vocabSize, String name) {
        w.put("general.architecture", "llama");
        w.put("general.name", name);
        w.putUInt32("general.file_type", FILE_TYPE_MOSTLY_Q4_0);
        w.putUInt32("llama.vocab_size", vocabSize);
        w.putUInt32("llama.context_length", c.contextLength());
        w.putUInt32("llama.embedding_length", c.dim());
        w.putUInt32("llama.block_count", c.layers());
        w.putUInt32("llama.feed_forward_length", c.ffnDim());
        w.putUInt32("llama.rope.dimension_count", c.headDim());
        w.putUInt32("llama.attention.head_count", c.heads());
        w.putUInt32("llama.attention.head_count_kv", c.kvHeads());
        w.putFloat32("llama.rope.freq_base", c.ropeTheta());
        w.putFloat32("llama.attention.layer_norm_rms_epsilon", c.rmsEps());
    }

    private static void copyTokenizer(GgufWriter w, Path vocabularyGguf, int vocabSize) {
        try (GgufFile source = GgufFile.open(vocabularyGguf)) {
            int tokens = source.metadata().strings("tokenizer.ggml.tokens").size();
            if (tokens != vocabSize) {
                throw new TrainingException(vocabularyGguf + " has " + tokens + " tokens but the model was trained "
                        + "for a vocabulary of " + vocabSize);
            }
            for (Map.Entry<String, GgufValue> e : source.metadata().asMap().entrySet()) {
                if (e.getKey().startsWith("tokenizer.") && !e.getKey().equals("tokenizer.chat_template")) {
                    w.put(e.getKey(), e.getValue());
                }
            }
        } catch (GgufFormatException e) {
            throw new TrainingException("cannot read vocabulary " + vocabularyGguf + ": " + e.getMessage(), e);
        }
    }
}
