package io.lariat.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.agent.InvalidRequestException;
import io.lariat.engine.sampling.SamplingOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks of request values shared by the dialects, each failing with an {@link InvalidRequestException} that names
 * the JSON path.
 */
public final class WireValues {
    private WireValues() {
    }

    /** The model name; required. */
    public static String model(String model, String path) {
        if (model == null || model.isBlank()) {
            throw InvalidRequestException.badValue(path, "required");
        }
        return model;
    }

    /**
     * Stop strings from a string or an array of strings; null means none.
     *
     * @throws InvalidRequestException for any other JSON type
     */
    public static List<String> stops(JsonNode stop, String path) {
        List<String> out = new ArrayList<>();
        if (stop == null || stop.isNull()) {
            return out;
        }
        if (stop.isTextual()) {
            out.add(stop.textValue());
            return out;
        }
        if (!stop.isArray()) {
            throw InvalidRequestException.badValue(path, "expected a string or an array of strings");
        }
        for (int i = 0; i < stop.size(); i++) {
            if (!stop.get(i).isTextual()) {
                throw InvalidRequestException.badValue(path + "[" + i + "]", "expected a string");
            }
            out.add(stop.get(i).textValue());
        }
        return out;
    }

    /**
     * Sampling options from the dialect's values, each null when absent: Llama 3.1's defaults (temperature 0.6,
     * top-p 0.9) otherwise.
     *
     * @param paths the JSON paths of temperature, top_p and seed, for messages
     */
    public static SamplingOptions sampling(Double temperature, Double topP, Long seed, String... paths) {
        SamplingOptions.Builder b = SamplingOptions.builder().temperature(0.6f).topP(0.9f);
        if (temperature != null) {
            if (temperature < 0 || temperature > 2 || temperature.isNaN()) {
                throw InvalidRequestException.badValue(paths[0], "must be between 0 and 2, got " + temperature);
            }
            b.temperature(temperature.floatValue());
        }
        if (topP != null) {
            if (!(topP > 0 && topP <= 1)) {
                throw InvalidRequestException.badValue(paths[1], "must be in (0, 1], got " + topP);
            }
            b.topP(topP.floatValue());
        }
        if (seed != null) {
            b.seed(seed);
        }
        return b.build();
    }

    /** A token limit: the value when given (at least 1), else the default. */
    public static int maxTokens(Integer value, int defaultValue, String path) {
        if (value == null) {
            return defaultValue;
        }
        if (value < 1) {
            throw InvalidRequestException.badValue(path, "must be at least 1, got " + value);
        }
        return value;
    }
}
