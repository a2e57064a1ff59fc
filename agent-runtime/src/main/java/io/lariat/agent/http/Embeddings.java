package io.lariat.agent.http;

import io.lariat.agent.UnsupportedFeatureException;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.InvalidRequestException;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.agent.backend.EmbeddedBackend;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.tokenizer.Tokenizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Embeddings as Ollama computes them for Llama models: the text is tokenized with the beginning-of-text token, run
 * through the model, and the final hidden states (after the output norm) are averaged over the positions; the
 * {@code /api/embed} and {@code /v1/embeddings} vectors are then scaled to unit length, the legacy
 * {@code /api/embeddings} ones are not. Blocking: call from a virtual thread. Thread-safe.
 */
@ApplicationScoped
public class Embeddings {
    @Inject
    ServedModels models;

    /**
     * What a request asks for.
     *
     * @param model      the model reference
     * @param inputs     texts, at least one
     * @param truncate   whether an input longer than the context is cut to fit (else refused)
     * @param normalize  whether vectors are scaled to unit length
     * @param dimensions keep only the first {@code dimensions} components (then normalised again); 0 keeps all
     */
    public record EmbedRequest(String model, List<String> inputs, boolean truncate, boolean normalize,
                               int dimensions) {
    }

    /**
     * The vectors, one per input, with what computing them took.
     *
     * @param model        the served model's name
     * @param vectors      one vector per input, in order
     * @param promptTokens tokens evaluated over all inputs
     * @param load         time spent loading the model for this request
     * @param total        time of the whole request
     */
    public record EmbedResult(String model, List<float[]> vectors, int promptTokens, Duration load, Duration total) {
    }

    /**
     * Embeds each input.
     *
     * @throws UnsupportedFeatureException when the model is not run by the embedded engine
     * @throws InvalidRequestException     when an input is too long and {@code truncate} is false, or
     *                                     {@code dimensions} exceeds the model's width
     */
    public EmbedResult embed(EmbedRequest request) {
        long start = System.nanoTime();
        ServedModels.FindResult found = models.findTimed(request.model());
        if (!(found.model().backend() instanceof EmbeddedBackend embedded)) {
            throw new UnsupportedFeatureException("$.model", "computing embeddings with model '"
                    + found.model().name() + "', which is not run by the embedded engine,");
        }
        LlamaEngine engine = embedded.engine();
        int width = engine.config().dim();
        if (request.dimensions() < 0 || request.dimensions() > width) {
            throw InvalidRequestException.badValue("$.dimensions", "must be between 1 and the model's " + width
                    + ", got " + request.dimensions());
        }
        int context = embedded.contextSize();
        List<float[]> vectors = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < request.inputs().size(); i++) {
            int[] ids = ids(engine.tokenizer(), request.inputs().get(i), context, request.truncate(), i);
            tokens += ids.length;
            float[] vector = engine.embed(ids);
            if (request.dimensions() > 0) {
                vector = Arrays.copyOf(vector, request.dimensions());
            }
            vectors.add(request.normalize() ? unit(vector) : vector);
        }
        return new EmbedResult(found.model().name(), vectors, tokens, found.load(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Texts from a string or an array of strings. */
    public static List<String> texts(JsonNode input, String path) {
        if (input == null || input.isNull()) {
            throw InvalidRequestException.badValue(path, "required: a string or an array of strings");
        }
        if (input.isTextual()) {
            return List.of(input.textValue());
        }
        if (!input.isArray() || input.isEmpty()) {
            throw InvalidRequestException.badValue(path, "expected a string or a non-empty array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            if (!input.get(i).isTextual()) {
                throw InvalidRequestException.badValue(path + "[" + i + "]", "expected a string");
            }
            texts.add(input.get(i).textValue());
        }
        return texts;
    }

    private static int[] ids(Tokenizer tokenizer, String text, int context, boolean truncate, int index) {
        if (text.isEmpty()) {
            throw InvalidRequestException.badValue("$.input[" + index + "]", "must not be empty");
        }
        int[] encoded = tokenizer.encode(text);
        int[] ids = new int[encoded.length + 1];
        ids[0] = tokenizer.bosId();
        System.arraycopy(encoded, 0, ids, 1, encoded.length);
        if (ids.length <= context) {
            return ids;
        }
        if (!truncate) {
            throw InvalidRequestException.badValue("$.input[" + index + "]", "input of " + ids.length
                    + " tokens exceeds the context length of " + context + " (truncate is false)");
        }
        return Arrays.copyOf(ids, context);
    }

    private static float[] unit(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0) {
            return vector;
        }
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = (float) (vector[i] / norm);
        }
        return out;
    }
}
