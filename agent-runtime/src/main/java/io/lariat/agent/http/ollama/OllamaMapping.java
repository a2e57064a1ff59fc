package io.lariat.agent.http.ollama;

import io.lariat.agent.InvalidRequestException;
import io.lariat.agent.chat.ChatRequest;
import io.lariat.agent.chat.ModelProfile;
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
 * Reads Ollama requests into {@link ChatRequest}s, over the named model's {@link ModelProfile} (its system prompt
 * when the request has none, its parameters under the request's options). Ollama has no {@code tool_choice}: the
 * model always decides. Stateless.
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
    public static ChatRequest chatRequest(OllamaChatRequest body, ModelProfile profile) {
        if (body == null) {
            throw InvalidRequestException.badValue(null, "a JSON body is required");
        }
        String model = WireValues.model(body.model(), "$.model");
        if (body.messages() == null || !body.messages().isArray()) {
            throw InvalidRequestException.badValue("$.messages", "expected an array of messages");
        }
        return request(model, profile.withSystem(OpenAiMessages.messages(body.messages())),
                options(body.options(), profile), body.tools(), false)
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
    public static ChatRequest generateRequest(OllamaGenerateRequest body, ModelProfile profile) {
        if (body == null) {
            throw InvalidRequestException.badValue(null, "a JSON body is required");
        }
        String model = WireValues.model(body.model(), "$.model");
        if (body.prompt() == null || body.prompt().isEmpty()) {
            throw InvalidRequestException.badValue("$.prompt", "required");
        }
        boolean raw = Boolean.TRUE.equals(body.raw());
        List<Message> messages = new ArrayList<>();
        if (body.system() != null && !body.system().isEmpty() && !raw) {
            messages.add(new SystemMessage(body.system()));
        }
        messages.add(new UserMessage(body.prompt()));
        // Ollama's generate declares no tools, yet returns the calls the model makes
        return request(model, raw ? messages : profile.withSystem(messages), options(body.options(), profile), null,
                raw).returningEveryCall()
                .withFormat(ResponseFormats.ollama(body.format()))
                .withLogprobs(LogprobWire.alternatives(body.logprobs(), body.topLogprobs()));
    }

    /** The request's options over the model's parameters (Ollama's rule: the request's own win). */
    private static OllamaOptions options(OllamaOptions request, ModelProfile profile) {
        return (request != null ? request : OllamaOptions.NONE).over(OllamaOptions.of(profile));
    }

    private static ChatRequest request(String model, List<Message> messages, OllamaOptions o,
                                       com.fasterxml.jackson.databind.JsonNode tools, boolean raw) {
        SamplingOptions sampling = o.sampling(WireValues.sampling(o.temperature(), o.topP(), o.seed(),
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
}
