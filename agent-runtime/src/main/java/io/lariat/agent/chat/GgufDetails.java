package io.lariat.agent.chat;

import io.lariat.agent.backend.ModelBackend;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufMetadata;
import io.lariat.engine.gguf.GgufTensorInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Reads what the listing endpoints show about a model from its GGUF metadata and file. */
public final class GgufDetails {
    /** llama.cpp's {@code general.file_type} values (enum llama_ftype) by name. */
    private static final Map<Long, String> FILE_TYPES = Map.ofEntries(Map.entry(0L, "F32"), Map.entry(1L, "F16"),
            Map.entry(2L, "Q4_0"), Map.entry(3L, "Q4_1"), Map.entry(7L, "Q8_0"), Map.entry(8L, "Q5_0"),
            Map.entry(9L, "Q5_1"), Map.entry(10L, "Q2_K"), Map.entry(11L, "Q3_K_S"), Map.entry(12L, "Q3_K_M"),
            Map.entry(13L, "Q3_K_L"), Map.entry(14L, "Q4_K_S"), Map.entry(15L, "Q4_K_M"), Map.entry(16L, "Q5_K_S"),
            Map.entry(17L, "Q5_K_M"), Map.entry(18L, "Q6_K"), Map.entry(32L, "BF16"));

    private GgufDetails() {
    }

    /** The details of an engine's model file. */
    public static ModelDetails of(LlamaEngine engine) {
        try (GgufFile file = GgufFile.open(engine.path())) {
            return of(file);
        }
    }

    /** The details of a model file read without loading it (a stored model not served yet). */
    public static ModelDetails of(GgufFile file) {
        GgufMetadata meta = file.metadata();
        String family = meta.findString("general.architecture").orElse("llama");
        String quantization = meta.findInteger("general.file_type").stream().boxed()
                .map(t -> FILE_TYPES.getOrDefault(t, "type " + t)).findFirst().orElse("unknown");
        int context = (int) meta.findInteger(family + ".context_length").orElse(0);
        try {
            return new ModelDetails("gguf", family, parameterSize(file), quantization, Files.size(file.path()),
                    context, Files.getLastModifiedTime(file.path()).toInstant(),
                    meta.findString("tokenizer.chat_template").orElse(null),
                    meta.findString("general.license").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
    }

    /** The parameters of the file's tensors; a tied output projection is the embedding, so it counts once. */
    public static long parameterCount(GgufFile file) {
        return file.tensors().stream().mapToLong(GgufTensorInfo::elementCount).sum();
    }

    /** What can be said of a backend that is not a local file (a remote server, a replay). */
    static ModelDetails unknown(ModelBackend backend) {
        return new ModelDetails("unknown", "llama", "unknown", "unknown", 0, backend.contextSize(), Instant.EPOCH,
                null, null);
    }

    /** {@code general.size_label} when the file has it, else the count of the tensors' parameters, as "8.0B". */
    private static String parameterSize(GgufFile file) {
        return file.metadata().findString("general.size_label").orElseGet(() -> {
            double total = parameterCount(file);
            return total >= 1e9 ? String.format(Locale.ROOT, "%.1fB", total / 1e9)
                    : String.format(Locale.ROOT, "%.1fM", total / 1e6);
        });
    }
}
