package io.lariat.agent.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.agent.InvalidRequestException;
import io.lariat.agent.UnsupportedFeatureException;
import io.lariat.agent.chat.ChatEvent;
import io.lariat.agent.chat.ChatRequest;
import io.lariat.agent.chat.ModelProfile;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.ToolChoice;
import io.lariat.agent.http.MessageChecks;
import io.lariat.agent.http.ResponseFormats;
import io.lariat.agent.http.WireValues;
import io.lariat.agent.http.ollama.OllamaOptions;
import io.lariat.agent.http.openai.ResponseObject.FunctionCallItem;
import io.lariat.agent.http.openai.ResponseObject.MessageItem;
import io.lariat.agent.http.openai.ResponseObject.OutputItem;
import io.lariat.prompts.Message;
import io.lariat.prompts.OpenAiMessages;
import io.lariat.prompts.SystemMessage;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.parse.ToolCall;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads Responses API bodies into {@link ChatRequest}s (the one chat pipeline both OpenAI endpoints use) and writes
 * its response objects. Output: a message item when the model answered in text (or answered nothing and called no
 * tool), then one {@code function_call} item per call; ids derive from the response id, so a stream and the stored
 * response name the same items. Stateless.
 */
public final class ResponsesMapping {
    /** OpenAI's metadata limits: 16 pairs, keys up to 64 characters, values up to 512. */
    private static final int MAX_METADATA = 16;
    private static final int MAX_METADATA_KEY = 64;
    private static final int MAX_METADATA_VALUE = 512;

    private ResponsesMapping() {
    }

    /** A fresh response id, {@code resp_<uuid without dashes>}. */
    public static String newId() {
        return "resp_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Refuses what the body asks for and Lariat does not do, before anything else is read.
     *
     * @throws UnsupportedFeatureException naming the field
     */
    public static void checkSupported(ResponsesRequest body) {
        if (Boolean.TRUE.equals(body.background())) {
            throw new UnsupportedFeatureException("$.background", "background responses");
        }
        if (body.truncation() != null && !body.truncation().equals("disabled")) {
            throw new UnsupportedFeatureException("$.truncation", "truncation \"" + body.truncation() + "\"");
        }
        JsonNode reasoning = body.reasoning();
        if (reasoning != null && !reasoning.isNull() && (reasoning.hasNonNull("effort")
                || reasoning.hasNonNull("summary"))) {
            throw new UnsupportedFeatureException("$.reasoning", "reasoning (Llama 3.1 does not reason separately)");
        }
        JsonNode include = body.include();
        for (int i = 0; include != null && include.isArray() && i < include.size(); i++) {
            // encrypted reasoning is asked for by stateless clients of reasoning models: there is none to include
            if (!"reasoning.encrypted_content".equals(include.get(i).asText())) {
                throw new UnsupportedFeatureException("$.include[" + i + "]", "include \"" + include.get(i).asText()
                        + "\"");
            }
        }
    }

    /**
     * The chat request of a body.
     *
     * @param conversation the stored conversation it continues followed by its input ({@link ResponsesInput})
     * @throws InvalidRequestException naming the JSON path of the first bad value
     */
    public static ChatRequest chatRequest(ResponsesRequest body, ArrayNode conversation, ModelProfile profile) {
        String model = WireValues.model(body.model(), "$.model");
        checkMetadata(body.metadata());
        List<Message> messages = new ArrayList<>();
        if (body.instructions() != null) {
            messages.add(new SystemMessage(body.instructions()));
        }
        messages.addAll(OpenAiMessages.messages(conversation));
        List<ToolSpec> tools = tools(body.tools());
        return OpenAiMapping.request(model, messages, tools, toolChoice(body.toolChoice(), tools),
                new OllamaOptions(body.temperature(), body.topP(), null, null, null, null, null,
                        body.maxOutputTokens(), null, null), "$.max_output_tokens", profile)
                .withFormat(ResponseFormats.openAiText(body.text()));
    }

    private static List<ToolSpec> tools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw InvalidRequestException.badValue("$.tools", "expected an array of tools");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String path = "$.tools[" + i + "]";
            String type = tool.path("type").asText("");
            if (!type.equals("function")) {
                if (type.isEmpty()) {
                    throw InvalidRequestException.badValue(path + ".type", "required: \"function\"");
                }
                throw new UnsupportedFeatureException(path + ".type", "hosted tools (\"" + type + "\"); declare "
                        + "a function tool, or use an agent's built-in tools");
            }
            if (tool.has("function")) {
                throw InvalidRequestException.badValue(path + ".function", "the Responses API takes name, "
                        + "description and parameters on the tool itself, not under \"function\"");
            }
            JsonNode name = tool.get("name");
            if (name == null || !name.isTextual()) {
                throw InvalidRequestException.badValue(path + ".name", "required: a string");
            }
            String problem = ToolSpec.nameProblem(name.textValue());
            if (problem != null || !names.add(name.textValue())) {
                throw InvalidRequestException.badValue(path + ".name", problem != null ? problem
                        : "duplicate tool name '" + name.textValue() + "'");
            }
        }
        MessageChecks.tools(tools);
        return OpenAiMessages.tools(tools);
    }

    private static ToolChoice toolChoice(JsonNode choice, List<ToolSpec> tools) {
        if (choice == null || choice.isNull()) {
            return new ToolChoice.Auto();
        }
        if (choice.isTextual()) {
            return OpenAiMapping.keywordChoice(choice.textValue(), tools);
        }
        String type = choice.path("type").asText("");
        if (!type.equals("function")) {
            throw new UnsupportedFeatureException("$.tool_choice.type", "tool_choice of type \"" + type + "\"");
        }
        JsonNode name = choice.get("name");
        if (name == null || !name.isTextual()) {
            throw InvalidRequestException.badValue("$.tool_choice.name", "required: a string");
        }
        if (tools.stream().noneMatch(t -> t.name().equals(name.textValue()))) {
            throw InvalidRequestException.badValue("$.tool_choice.name", "no tool named '" + name.textValue()
                    + "' is declared");
        }
        return new ToolChoice.Function(name.textValue());
    }

    private static void checkMetadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return;
        }
        if (!metadata.isObject() || metadata.size() > MAX_METADATA) {
            throw InvalidRequestException.badValue("$.metadata", "expected an object of at most " + MAX_METADATA
                    + " string values");
        }
        metadata.properties().forEach(e -> {
            if (e.getKey().length() > MAX_METADATA_KEY || !e.getValue().isTextual()
                    || e.getValue().textValue().length() > MAX_METADATA_VALUE) {
                throw InvalidRequestException.badValue("$.metadata." + e.getKey(), "expected a string of at most "
                        + MAX_METADATA_VALUE + " characters under a key of at most " + MAX_METADATA_KEY);
            }
        });
    }

    /** The response as it starts: status {@code in_progress}, no output, no usage; every request value echoed. */
    public static ResponseObject started(String id, long createdAt, ResponsesRequest body, ChatRequest request,
                                         ServedModel model) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        JsonNode text = given(body.text(), json.objectNode().set("format", json.objectNode().put("type", "text")));
        return new ResponseObject(id, "response", createdAt, "in_progress", null, null, body.instructions(),
                body.maxOutputTokens(), model.name(), List.of(), body.parallelCalls(), body.previousResponseId(),
                body.stored(), decimal(request.sampling().temperature()), text,
                given(body.toolChoice(), json.textNode("auto")), given(body.tools(), json.arrayNode()),
                decimal(request.sampling().topP()), "disabled", null, body.user(),
                given(body.metadata(), json.objectNode()));
    }

    /** The request's value, or {@code fallback} when it left the field out or null. */
    private static JsonNode given(JsonNode value, JsonNode fallback) {
        return value == null || value.isNull() ? fallback : value;
    }

    /** A float as the decimal people wrote ({@code 0.6}, not {@code 0.6000000238418579}). */
    private static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    /** The finished response for the end of its generation. */
    public static ResponseObject finished(ResponseObject started, ChatEvent.ChatCompleted done) {
        List<OutputItem> output = new ArrayList<>();
        if (hasMessage(done)) {
            output.add(MessageItem.of(messageId(started.id()), "completed", done.content() == null ? ""
                    : done.content()));
        }
        List<ToolCall> calls = calls(started, done);
        for (int i = 0; i < calls.size(); i++) {
            output.add(FunctionCallItem.of(callItemId(started.id(), i), callId(started.id(), i), calls.get(i).name(),
                    calls.get(i).arguments().toString(), "completed"));
        }
        boolean cut = done.finish() == ChatEvent.FinishReason.LENGTH;
        int input = done.usage().promptTokens();
        int generated = done.usage().completionTokens();
        return started.with(cut ? "incomplete" : "completed",
                cut ? new ResponseObject.IncompleteDetails("max_output_tokens") : null, output,
                new ResponseObject.Usage(input, new ResponseObject.InputDetails(input
                        - done.usage().promptTokensEvaluated()), generated, new ResponseObject.OutputDetails(0),
                        input + generated));
    }

    /** Whether the response has a message item: text was generated, or nothing at all was. */
    static boolean hasMessage(ChatEvent.ChatCompleted done) {
        return (done.content() != null && !done.content().isEmpty()) || done.calls().isEmpty();
    }

    /** The calls the response returns: the first only when parallel calls are off. */
    static List<ToolCall> calls(ResponseObject response, ChatEvent.ChatCompleted done) {
        return response.parallelToolCalls() || done.calls().size() <= 1 ? done.calls() : done.calls().subList(0, 1);
    }

    /**
     * The conversation a later response continues with {@code previous_response_id}: this one's (without its
     * instructions) and its output as an assistant message whose calls carry their {@code call_id}s.
     */
    public static ArrayNode continued(ArrayNode conversation, ResponseObject finished) {
        ArrayNode out = conversation.deepCopy();
        ObjectNode assistant = out.addObject().put("role", "assistant");
        String text = finished.output().stream().filter(MessageItem.class::isInstance).map(MessageItem.class::cast)
                .findFirst().map(m -> m.content().isEmpty() ? "" : m.content().getFirst().text()).orElse(null);
        assistant.put("content", text);
        ArrayNode calls = JsonNodeFactory.instance.arrayNode();
        finished.output().stream().filter(FunctionCallItem.class::isInstance).map(FunctionCallItem.class::cast)
                .forEach(c -> {
                    ObjectNode call = calls.addObject().put("id", c.callId()).put("type", "function");
                    call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
                });
        if (!calls.isEmpty()) {
            assistant.set("tool_calls", calls);
        }
        return out;
    }

    /** The id of a response's message item. */
    static String messageId(String responseId) {
        return "msg_" + suffix(responseId);
    }

    /** The id of a response's {@code index}th function call item. */
    static String callItemId(String responseId, int index) {
        return "fc_" + suffix(responseId) + "_" + index;
    }

    /** The {@code call_id} of a response's {@code index}th call, which its function_call_output names. */
    static String callId(String responseId, int index) {
        return "call_" + suffix(responseId) + "_" + index;
    }

    private static String suffix(String responseId) {
        return responseId.substring(responseId.indexOf('_') + 1);
    }
}
