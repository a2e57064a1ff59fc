package io.lariat.agent.http.ollama;

import io.lariat.agent.InvalidRequestException;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.agent.UnsupportedFeatureException;
import io.lariat.agent.chat.ModelProfile;
import io.lariat.agent.store.ModelParameters;
import io.lariat.engine.sampling.SamplingOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Ollama's {@code options}: the model parameters a request may set; absent ones are null. Every option of Ollama's
 * documentation is either honoured here or refused: a sampling option Lariat does not implement answers 501 unless
 * its value is the one that disables it, and a name Ollama does not document answers 400. The same options are a
 * stored model's {@code PARAMETER}s ({@link #of(ModelProfile)}), the defaults under a request's own
 * ({@link #over}).
 *
 * @param numCtx        context window in tokens (at most the model's)
 * @param numPredict    tokens to generate; -1 (default) or -2 mean until the context is full
 * @param topK          keep the k most likely tokens; 0 disables
 * @param minP          drop tokens less likely than min_p times the most likely; 0 disables
 * @param repeatPenalty penalty of recently seen tokens; 1 disables
 * @param repeatLastN   tokens the penalty looks back over; 0 disables, -1 means the context
 * @param stop          stop strings (a string or an array)
 */
public record OllamaOptions(Double temperature, Double topP, Integer topK, Double minP, Double repeatPenalty,
                            Integer repeatLastN, Integer numCtx, Integer numPredict, Long seed, JsonNode stop) {
    /** Documented options Lariat does not implement, with the value that means "off" (accepted as a no-op). */
    private static final Map<String, Double> UNSUPPORTED = Map.ofEntries(Map.entry("typical_p", 1.0),
            Map.entry("presence_penalty", 0.0), Map.entry("frequency_penalty", 0.0), Map.entry("mirostat", 0.0),
            Map.entry("mirostat_tau", Double.NaN), Map.entry("mirostat_eta", Double.NaN),
            Map.entry("penalize_newline", Double.NaN), Map.entry("tfs_z", 1.0), Map.entry("num_keep", Double.NaN));
    /**
     * Documented options about how a model is loaded and placed on hardware: the engine is configured once per
     * process ({@code lariat.threads}, memory-mapped weights, CPU only), so a request cannot change them.
     */
    private static final Set<String> LOADING = Set.of("num_batch", "num_gpu", "main_gpu", "low_vram", "vocab_only",
            "use_mmap", "use_mlock", "numa", "num_thread", "f16_kv", "logits_all", "embedding_only");
    private static final Set<String> HONOURED = Set.of("temperature", "top_p", "top_k", "min_p", "repeat_penalty",
            "repeat_last_n", "num_ctx", "num_predict", "seed", "stop");

    /** No options set. */
    public static final OllamaOptions NONE = new OllamaOptions(null, null, null, null, null, null, null, null, null,
            null);

    /**
     * Reads {@code options}, refusing what cannot be honoured.
     *
     * @throws InvalidRequestException     for a value of the wrong type or an option Ollama does not document
     * @throws UnsupportedFeatureException for a documented option Lariat does not implement
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static OllamaOptions of(JsonNode options) {
        if (options == null || options.isNull()) {
            return NONE;
        }
        if (!options.isObject()) {
            throw InvalidRequestException.badValue("$.options", "expected an object");
        }
        for (Iterator<String> names = options.fieldNames(); names.hasNext(); ) {
            check(names.next(), options);
        }
        return new OllamaOptions(number(options, "temperature"), number(options, "top_p"),
                integer(options, "top_k"), number(options, "min_p"), number(options, "repeat_penalty"),
                integer(options, "repeat_last_n"), integer(options, "num_ctx"), integer(options, "num_predict"),
                seed(options), options.get("stop"));
    }

    /**
     * The options a stored model's {@code PARAMETER}s set. Options about loading (e.g. {@code num_thread},
     * {@code num_gpu}) are left out: the server's configuration decides how a model is loaded.
     *
     * @throws UnsupportedFeatureException naming the model and the parameter, for a sampling option Lariat does not
     *                                     implement (answering without it would be a silently different model)
     */
    public static OllamaOptions of(ModelProfile profile) {
        if (profile.parameters().isEmpty()) {
            return NONE;
        }
        ObjectNode options;
        try {
            options = (ObjectNode) new ObjectMapper().readTree(ModelParameters.toJson(profile.parameters()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.remove(LOADING);
        for (Iterator<String> names = options.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            try {
                check(name, options);
            } catch (UnsupportedFeatureException e) {
                throw new UnsupportedFeatureException("$.model", "PARAMETER " + name + " " + options.get(name)
                        + " of model '" + profile.name() + "'");
            }
        }
        return of(options);
    }

    /** These options over {@code defaults}: each option this request leaves unset takes the default's value. */
    public OllamaOptions over(OllamaOptions defaults) {
        return new OllamaOptions(first(temperature, defaults.temperature), first(topP, defaults.topP),
                first(topK, defaults.topK), first(minP, defaults.minP), first(repeatPenalty, defaults.repeatPenalty),
                first(repeatLastN, defaults.repeatLastN), first(numCtx, defaults.numCtx),
                first(numPredict, defaults.numPredict), first(seed, defaults.seed),
                stop != null && !stop.isNull() ? stop : defaults.stop);
    }

    /** The options of Ollama's sampler on top of the shared ones of {@code base}, each checked as llama.cpp's are. */
    public SamplingOptions sampling(SamplingOptions base) {
        int k = topK == null ? base.topK() : topK;
        if (k < 0) {
            throw InvalidRequestException.badValue("$.options.top_k", "must not be negative, got " + k);
        }
        double p = minP == null ? base.minP() : minP;
        if (!(p >= 0 && p < 1)) {
            throw InvalidRequestException.badValue("$.options.min_p", "must be in [0, 1), got " + p);
        }
        double penalty = repeatPenalty == null ? base.repeatPenalty() : repeatPenalty;
        if (!(penalty > 0)) {
            throw InvalidRequestException.badValue("$.options.repeat_penalty", "must be positive, got " + penalty);
        }
        int lastN = repeatLastN == null ? base.repeatLastN() : repeatLastN;
        if (lastN < -1) {
            throw InvalidRequestException.badValue("$.options.repeat_last_n", "must be -1, 0 or positive");
        }
        // Ollama's -1 means the whole context: the sampler looks back over at most what it has seen anyway
        int lookBack = lastN == -1 ? Integer.MAX_VALUE : lastN;
        return new SamplingOptions(base.temperature(), k, base.topP(), (float) p, (float) penalty, lookBack,
                base.seed());
    }

    private static <T> T first(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static void check(String name, JsonNode options) {
        String path = "$.options." + name;
        if (HONOURED.contains(name)) {
            return;
        }
        if (LOADING.contains(name)) {
            throw new UnsupportedFeatureException(path, "setting '" + name + "' per request (the engine is "
                    + "configured once per server, e.g. lariat.threads)");
        }
        Double off = UNSUPPORTED.get(name);
        if (off == null) {
            throw InvalidRequestException.badValue(path, "not an option Ollama documents");
        }
        JsonNode value = options.get(name);
        if (!(value.isNumber() && value.doubleValue() == off)) {
            throw new UnsupportedFeatureException(path, "the sampling option '" + name + "'"
                    + (off.isNaN() ? "" : " (other than " + off + ", which disables it)"));
        }
    }

    private static Double number(JsonNode options, String name) {
        JsonNode value = options.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw InvalidRequestException.badValue("$.options." + name, "expected a number");
        }
        return value.doubleValue();
    }

    private static Long seed(JsonNode options) {
        JsonNode value = options.get("seed");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw InvalidRequestException.badValue("$.options.seed", "expected an integer");
        }
        return value.longValue();
    }

    private static Integer integer(JsonNode options, String name) {
        JsonNode value = options.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw InvalidRequestException.badValue("$.options." + name, "expected an integer");
        }
        return value.intValue();
    }
}
