package io.lariat.agent.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.agent.chat.ChatEvent;
import io.lariat.agent.chat.ChatRequest;
import io.lariat.agent.chat.ModelProfile;
import io.lariat.agent.InvalidRequestException;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.ToolChoice;
import io.lariat.agent.http.LogprobWire;
import io.lariat.agent.http.MessageChecks;
import io.lariat.agent.http.ResponseFormats;
import io.lariat.agent.http.WireValues;
import io.lariat.agent.http.ollama.OllamaOptions;
import io.lariat.prompts.Message;
import io.lariat.prompts.OpenAiMessages;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.parse.ToolCall;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads OpenAI requests into {@link ChatRequest}s, over the named model's {@link ModelProfile} (its system prompt
 * when the request has none, its parameters under the request's own values), and writes the OpenAI response records.
 * Stateless.
 */
public final class OpenAiMapping {
    /** OpenAI accepts at most four stop sequences. */
    private static final int MAX_STOPS = 4;

    private OpenAiMapping() {
    }

    /**
     * The chat request of an OpenAI body.
     *
     * @throws InvalidRequestException naming the JSON path of the first bad value
     * @throws io.lariat.prompts.PromptException when a message does not have OpenAI's shape
     */
    public static ChatRequest chatRequest(ChatCompletionRequest body, ModelProfile profile) {
        if (body == null) {
            throw InvalidRequestException.badValue(null, "a JSON body is required");
        }
        String model = WireValues.model(body.model(), "$.model");
        JsonNode wireMessages = MessageChecks.messages(body.messages());
        checkToolCallIds(wireMessages);
        checkChoices(body.n());
        int logprobs = LogprobWire.alternatives(body.logprobs(), body.topLogprobs());
        List<Message> messages = OpenAiMessages.messages(wireMessages);
        List<ToolSpec> tools = tools(body.tools());
        Integer limit = body.maxCompletionTokens() != null ? body.maxCompletionTokens() : body.maxTokens();
        String limitPath = body.maxCompletionTokens() != null ? "$.max_completion_tokens" : "$.max_tokens";
        return request(model, messages, tools, toolChoice(body.toolChoice(), tools), new OllamaOptions(
                body.temperature(), body.topP(), null, null, null, null, null, limit, body.seed(), body.stop()),
                limitPath, profile).withFormat(ResponseFormats.openAi(body.responseFormat())).withLogprobs(logprobs);
    }

    /**
     * The chat request of either OpenAI endpoint, once its own fields are read: the model's system prompt when the
     * messages have none, and its PARAMETERs as the defaults of what the body leaves unset, as on Ollama's endpoints.
     *
     * @param wire      the body's sampling values, token limit and stop strings (null when absent)
     * @param limitPath the JSON path of the body's token limit, for messages
     */
    static ChatRequest request(String model, List<Message> messages, List<ToolSpec> tools, ToolChoice choice,
                               OllamaOptions wire, String limitPath, ModelProfile profile) {
        OllamaOptions d = wire.over(OllamaOptions.of(profile));
        Integer limit = wire.numPredict();
        Integer predict = limit != null ? Integer.valueOf(WireValues.maxTokens(limit, 0, limitPath))
                : d.numPredict() == null || d.numPredict() < 0 ? null : d.numPredict();
        return new ChatRequest(model, profile.withSystem(messages), tools, choice,
                d.sampling(WireValues.sampling(d.temperature(), d.topP(), d.seed(), "$.temperature", "$.top_p")),
                WireValues.maxTokens(predict, ChatRequest.UNLIMITED, limitPath), stops(d.stop()),
                d.numCtx() == null ? 0 : d.numCtx(), false);
    }

    /** OpenAI's stop: a string or up to four strings. */
    public static List<String> stops(JsonNode stop) {
        List<String> stops = WireValues.stops(stop, "$.stop");
        if (stops.size() > MAX_STOPS) {
            throw InvalidRequestException.badValue("$.stop", "at most " + MAX_STOPS + " stop sequences, got "
                    + stops.size());
        }
        return stops;
    }

    /** One choice per request: more are refused, never silently dropped. */
    public static void checkChoices(Integer n) {
        if (n != null && n != 1) {
            throw InvalidRequestException.badValue("$.n", "only 1 choice per request is served, got " + n
                    + "; send " + n + " requests instead");
        }
    }

    private static List<ToolSpec> tools(JsonNode tools) {
        MessageChecks.tools(tools);
        return OpenAiMessages.tools(tools);
    }

    /** Each {@code tool} message must name, by {@code tool_call_id}, a call of the assistant message before it. */
    private static void checkToolCallIds(JsonNode messages) {
        Set<String> open = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            if (role.equals("assistant")) {
                open.clear();
                message.path("tool_calls").forEach(call -> open.add(call.path("id").asText("")));
            } else if (role.equals("tool")) {
                JsonNode id = message.get("tool_call_id");
                if (id == null || !id.isTextual()) {
                    throw InvalidRequestException.badValue("$.messages[" + i + "].tool_call_id",
                            "required: a tool message answers one tool call by its id");
                }
                if (!open.remove(id.textValue())) {
                    throw InvalidRequestException.badValue("$.messages[" + i + "].tool_call_id",
                            "'" + id.textValue() + "' answers no tool call of the preceding assistant message");
                }
            } else {
                open.clear();
            }
        }
    }

    private static ToolChoice toolChoice(JsonNode choice, List<ToolSpec> tools) {
        if (choice == null || choice.isNull()) {
            return new ToolChoice.Auto();
        }
        if (choice.isTextual()) {
            return keywordChoice(choice.textValue(), tools);
        }
        JsonNode name = choice.path("function").path("name");
        if (!choice.isObject() || !name.isTextual()) {
            throw InvalidRequestException.badValue("$.tool_choice.function.name", "expected a string");
        }
        return new ToolChoice.Function(name.textValue());
    }

    /** A {@code tool_choice} given as a keyword, as both OpenAI endpoints take it. */
    static ToolChoice keywordChoice(String keyword, List<ToolSpec> tools) {
        return switch (keyword) {
            case "auto" -> new ToolChoice.Auto();
            case "none" -> new ToolChoice.None();
            case "required" -> {
                if (tools.isEmpty()) {
                    throw InvalidRequestException.badValue("$.tool_choice", "\"required\" needs tools");
                }
                yield new ToolChoice.Required();
            }
            default -> throw InvalidRequestException.badValue("$.tool_choice",
                    "expected \"auto\", \"none\", \"required\" or a function, got \"" + keyword + "\"");
        };
    }

    /** The non-streamed response for the end of a generation. */
    public static ChatCompletionResponse response(String id, long created, ServedModel model,
                                                  ChatEvent.ChatCompleted done, boolean logprobs) {
        List<ChatCompletionResponse.ToolCallWire> calls = toolCalls(done.calls(), id, false);
        ChatCompletionResponse.AssistantMessage message = new ChatCompletionResponse.AssistantMessage("assistant",
                calls.isEmpty() && done.content() == null ? "" : done.content(), calls);
        return new ChatCompletionResponse(id, "chat.completion", created, model.name(),
                List.of(new ChatCompletionResponse.Choice(0, message, logprobs ? new ChatCompletionResponse.Logprobs(
                        LogprobWire.of(done.logprobs())) : null, finishReason(done.finish()))), usage(done));
    }

    /** The OpenAI usage of a generation. */
    static ChatCompletionResponse.Usage usage(ChatEvent.ChatCompleted done) {
        int prompt = done.usage().promptTokens();
        int completion = done.usage().completionTokens();
        return new ChatCompletionResponse.Usage(prompt, completion, prompt + completion);
    }

    /** Wire calls with ids {@code call_<response id suffix>_<index>}; indexed for stream deltas. */
    static List<ChatCompletionResponse.ToolCallWire> toolCalls(List<ToolCall> calls, String responseId,
                                                               boolean indexed) {
        List<ChatCompletionResponse.ToolCallWire> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            out.add(new ChatCompletionResponse.ToolCallWire(indexed ? i : null,
                    "call_" + responseId.substring(responseId.indexOf('-') + 1) + "_" + i, "function",
                    new ChatCompletionResponse.FunctionCall(call.name(), call.arguments().toString())));
        }
        return out;
    }

    /** OpenAI's name of a finish reason. */
    static String finishReason(ChatEvent.FinishReason reason) {
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
        };
    }

    /** A fresh response id, {@code chatcmpl-<uuid without dashes>}. */
    public static String newId() {
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }
}
