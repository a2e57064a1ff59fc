package io.lariat.agent.http.ollama;

import io.lariat.agent.InvalidRequestException;
import io.lariat.agent.chat.ChatRequest;
import io.lariat.agent.chat.ToolChoice;
import io.lariat.agent.http.LogprobWire;
import io.lariat.agent.http.MessageChecks;
import io.lariat.agent.http.ResponseFormats;
import io.lariat.agent.http.WireValues;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.prompts.Message;
import io.lariat.prompts.OpenAiMessages;
import io.lariat.prompts.SystemMessage;
import io.lariat.prompts.UserMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Ollama requests into {@link ChatRequest}s. Ollama has no {@code tool_choice}: the model always decides.
 * Stateless.
 */
public final class OllamaMapping {
    private OllamaMapping() {
    }

    /**
     * The chat request of an {@code /api/chat} body.
     *
     * @throws InvalidRequestException naming the JSON path of the first bad value
     * @throws io.lariat.prompts.PromptException when a message does not have the chat shape
     */
    public static ChatRequest chatRequest(OllamaChatRequest body) {
        if (body == null) {
            throw InvalidRequestException.badValue(null, "a JSON body is required");
        }
        String model = WireValues.model(body.model(), "$.model");
        if (body.messages() == null || !body.messages().isArray()) {
            throw InvalidRequestException.badValue("$.messages", "expected an array of messages");
        }
        return request(model, OpenAiMessages.messages(body.messages()), body.options(), body.tools(), false)
                .withFormat(ResponseFormats.ollama(body.format()))
                .withLogprobs(LogprobWire.alternatives(body.logprobs(), body.topLogprobs()));
    }

    /**
     * The chat request of an {@code /api/generate} body: the optional system prompt and the prompt as a user
     * message, or with {@code "raw": true} the prompt alone, to be tokenized as given. As in Ollama, a raw request
     * ignores {@code system}, and special-token names in its prompt become special tokens (never in other requests,
     * whose text is always ordinary text).
     *
     * @throws InvalidRequestException when the prompt is missing
     */
    public static ChatRequest generateRequest(OllamaGenerateRequest body) {
        if (body == null) {
            throw InvalidRequestException.badValue(null, "a JSON body is required");
        }
        String model = WireValues.model(body.model(), "$.model");
        if (body.prompt() == null || body.prompt().isEmpty()) {
            throw InvalidRequestException.badValue("$.prompt", "required");
        }
        boolean raw = Boolean.TRUE.equals(body.raw());
        List<Message> messages = new ArrayList<>();
        if (body.system() != null && !raw) {
            messages.add(new SystemMessage(body.system()));
        }
        messages.add(new UserMessage(body.prompt()));
        // Ollama's generate declares no tools, yet returns the calls the model makes
        return request(model, messages, body.options(), null, raw).returningEveryCall()
                .withFormat(ResponseFormats.ollama(body.format()))
                .withLogprobs(LogprobWire.alternatives(body.logprobs(), body.topLogprobs()));
    }

    private static ChatRequest request(String model, List<Message> messages, OllamaOptions options,
                                       com.fasterxml.jackson.databind.JsonNode tools, boolean raw) {
        OllamaOptions o = options != null ? options : OllamaOptions.NONE;
        SamplingOptions sampling = sampling(o, WireValues.sampling(o.temperature(), o.topP(), o.seed(),
                "$.options.temperature", "$.options.top_p"));
        Integer predict = o.numPredict() == null || o.numPredict() < 0 ? null : o.numPredict();
        if (o.numPredict() != null && o.numPredict() < -2) {
            throw InvalidRequestException.badValue("$.options.num_predict", "must be -2, -1 or positive");
        }
        int maxTokens = WireValues.maxTokens(predict, ChatRequest.UNLIMITED, "$.options.num_predict");
        if (o.numCtx() != null && o.numCtx() < 1) {
            throw InvalidRequestException.badValue("$.options.num_ctx", "must be positive, got " + o.numCtx());
        }
        MessageChecks.tools(tools);
        return new ChatRequest(model, messages, OpenAiMessages.tools(tools), new ToolChoice.Auto(), sampling,
                maxTokens, WireValues.stops(o.stop(), "$.options.stop"), o.numCtx() == null ? 0 : o.numCtx(),
                raw);
    }

    /** The options of Ollama's sampler on top of the shared ones, each checked as llama.cpp's are. */
    private static SamplingOptions sampling(OllamaOptions o, SamplingOptions base) {
        int topK = o.topK() == null ? base.topK() : o.topK();
        if (topK < 0) {
            throw InvalidRequestException.badValue("$.options.top_k", "must not be negative, got " + topK);
        }
        double minP = o.minP() == null ? base.minP() : o.minP();
        if (!(minP >= 0 && minP < 1)) {
            throw InvalidRequestException.badValue("$.options.min_p", "must be in [0, 1), got " + minP);
        }
        double penalty = o.repeatPenalty() == null ? base.repeatPenalty() : o.repeatPenalty();
        if (!(penalty > 0)) {
            throw InvalidRequestException.badValue("$.options.repeat_penalty", "must be positive, got " + penalty);
        }
        int lastN = o.repeatLastN() == null ? base.repeatLastN() : o.repeatLastN();
        if (lastN < -1) {
            throw InvalidRequestException.badValue("$.options.repeat_last_n", "must be -1, 0 or positive");
        }
        // Ollama's -1 means the whole context: the sampler looks back over at most what it has seen anyway
        int lookBack = lastN == -1 ? Integer.MAX_VALUE : lastN;
        return new SamplingOptions(base.temperature(), topK, base.topP(), (float) minP, (float) penalty, lookBack,
                base.seed());
    }
}
