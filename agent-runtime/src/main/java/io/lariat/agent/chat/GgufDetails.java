package io.lariat.agent.chat;

import io.lariat.agent.backend.ModelBackend;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.gguf.GgufMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Reads what the listing endpoints show about a model from its GGUF metadata and file. */
final class GgufDetails {
    /** llama.cpp's {@code general.file_type} values (enum llama_ftype) by name. */
    private static final Map<Long, String> FILE_TYPES = Map.ofEntries(Map.entry(0L, "F32"), Map.entry(1L, "F16"),
            Map.entry(2L, "Q4_0"), Map.entry(3L, "Q4_1"), Map.entry(7L, "Q8_0"), Map.entry(8L, "Q5_0"),
            Map.entry(9L, "Q5_1"), Map.entry(10L, "Q2_K"), Map.entry(11L, "Q3_K_S"), Map.entry(12L, "Q3_K_M"),
            Map.entry(13L, "Q3_K_L"), Map.entry(14L, "Q4_K_S"), Map.entry(15L, "Q4_K_M"), Map.entry(16L, "Q5_K_S"),
            Map.entry(17L, "Q5_K_M"), Map.entry(18L, "Q6_K"), Map.entry(32L, "BF16"));

    private GgufDetails() {
    }

    /** The details of an engine's model file. */
    static ModelDetails of(LlamaEngine engine) {
        GgufMetadata meta = engine.metadata();
        String family = meta.findString("general.architecture").orElse("llama");
        String quantization = meta.findInteger("general.file_type").stream().boxed()
                .map(t -> FILE_TYPES.getOrDefault(t, "type " + t)).findFirst().orElse("unknown");
        try {
            return new ModelDetails("gguf", family, parameterSize(engine), quantization, Files.size(engine.path()),
                    engine.config().contextLength(), Files.getLastModifiedTime(engine.path()).toInstant(),
                    meta.findString("tokenizer.chat_template").orElse(null),
                    meta.findString("general.license").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + engine.path(), e);
        }
    }

    /** What can be said of a backend that is not a local file (a remote server, a replay). */
    static ModelDetails unknown(ModelBackend backend) {
        return new ModelDetails("unknown", "llama", "unknown", "unknown", 0, backend.contextSize(), Instant.EPOCH,
                null, null);
    }

    /** {@code general.size_label} when the file has it, else the count of the weights' parameters, as "8.0B". */
    private static String parameterSize(LlamaEngine engine) {
        return engine.metadata().findString("general.size_label").orElseGet(() -> {
            var c = engine.config();
            long perLayer = 2L * c.dim() * c.queryDim() + 2L * c.dim() * c.kvDim() + 3L * c.dim() * c.hiddenDim();
            double total = (double) c.layers() * perLayer + 2.0 * c.vocabSize() * c.dim();
            return total >= 1e9 ? String.format(Locale.ROOT, "%.1fB", total / 1e9)
                    : String.format(Locale.ROOT, "%.1fM", total / 1e6);
        });
    }
}
