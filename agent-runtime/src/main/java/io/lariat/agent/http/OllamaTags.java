package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.ModelDetails;
import io.lariat.agent.chat.GgufDetails;

import io.lariat.agent.backend.EmbeddedBackend;
import io.lariat.agent.http.ollama.OllamaModels;
import io.lariat.agent.store.ModelName;
import io.lariat.agent.store.StoredModel;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufFormatException;
import io.lariat.engine.gguf.GgufMetadata;
import io.lariat.engine.gguf.GgufValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Ollama's listing endpoints say about models: {@code /api/tags} lists every model of the stores as
 * {@code name:tag} with its manifest's digest, then the served models the stores do not hold; {@code /api/show}'s
 * {@code model_info} is the GGUF metadata with the parameter count, the tokenizer's long arrays left out as Ollama
 * leaves them out.
 */
@ApplicationScoped
public class OllamaTags {
    /** Metadata arrays Ollama reports as null: the vocabulary is hundreds of thousands of entries. */
    private static final Set<String> LONG_ARRAYS = Set.of("tokenizer.ggml.tokens", "tokenizer.ggml.merges",
            "tokenizer.ggml.token_type", "tokenizer.ggml.scores");

    @Inject
    StoredModels stored;

    @Inject
    ServedModels models;

    /** The body of {@code /api/tags}. */
    OllamaModels.Tags tags() {
        List<OllamaModels.Tag> tags = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (StoredModel m : stored.stores().list()) {
            String name = m.name().display();
            if (names.contains(name)) {
                continue;
            }
            names.add(name);
            tags.add(new OllamaModels.Tag(name, name, m.modified().toString(), m.size(), manifestDigest(m),
                    details(m)));
        }
        for (ServedModel m : models.all()) {
            if (!names.contains(m.name())) {
                tags.add(new OllamaModels.Tag(m.name(), m.name(), m.details().modifiedAt().toString(),
                        m.details().sizeBytes(), OllamaResource.digest(m), OllamaResource.details(m.details())));
            }
        }
        return new OllamaModels.Tags(tags);
    }

    /**
     * The details a stored model's GGUF file gives; a file that cannot be read gives only its format, so that one
     * damaged model never hides the others from the listing (loading it still fails, saying why).
     */
    private static OllamaModels.Details details(StoredModel m) {
        try (GgufFile file = GgufFile.open(m.modelBlob())) {
            return OllamaResource.details(GgufDetails.of(file));
        } catch (GgufFormatException | UncheckedIOException unreadable) {
            return new OllamaModels.Details("", "gguf", "", List.of(), "", "");
        }
    }

    /**
     * The stored model a served model came from: the first of {@code names} (its served name, the name a request
     * gave) that names a model of the stores exactly; empty for a model served from a file or a remote API.
     */
    Optional<StoredModel> storedModel(String... names) {
        for (String name : names) {
            if (name != null && ModelName.looksLikeName(name)) {
                Optional<StoredModel> found = stored.stores().find(ModelName.parse(name));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code model_info} of a served model: its GGUF metadata, or the little known of a remote model. */
    static Map<String, Object> modelInfo(ServedModel model) {
        Map<String, Object> info = new LinkedHashMap<>();
        ModelDetails d = model.details();
        info.put("general.architecture", d.family());
        if (!(model.backend() instanceof EmbeddedBackend embedded)) {
            info.put(d.family() + ".context_length", d.contextLength());
            return info;
        }
        GgufMetadata meta = embedded.engine().metadata();
        try (GgufFile file = GgufFile.open(embedded.engine().path())) {
            info.put("general.parameter_count", GgufDetails.parameterCount(file));
        }
        meta.asMap().forEach((key, value) -> info.put(key, LONG_ARRAYS.contains(key) ? null : json(value)));
        return info;
    }

    private static Object json(GgufValue value) {
        return switch (value) {
            case GgufValue.IntegerValue v -> v.value();
            case GgufValue.FloatValue v -> v.value();
            case GgufValue.BoolValue v -> v.value();
            case GgufValue.StringValue v -> v.value();
            case GgufValue.StringArray v -> v.values();
            case GgufValue.ArrayValue v -> v.toString();
        };
    }

    /** Ollama's digest of a stored model: the SHA-256 of its manifest. */
    private static String manifestDigest(StoredModel m) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(m.manifestFile())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
