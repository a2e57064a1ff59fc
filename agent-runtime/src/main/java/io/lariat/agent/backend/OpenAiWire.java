package io.lariat.agent.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.prompts.AssistantMessage;
import io.lariat.prompts.Message;
import io.lariat.prompts.SystemMessage;
import io.lariat.prompts.ToolResultMessage;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.UserMessage;
import io.lariat.prompts.parse.ToolCall;

import java.io.UncheckedIOException;
import java.util.List;

/** The OpenAI request bodies a {@link RemoteBackend} sends; stateless. */
final class OpenAiWire {
    static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiWire() {
    }

    /** A streaming {@code /v1/completions} body with the prompt as token ids. */
    static ObjectNode completionsBody(String model, TurnRequest request) {
        ObjectNode body = common(model, request);
        ArrayNode prompt = body.putArray("prompt");
        for (int id : request.promptIds()) {
            prompt.add(id);
        }
        // vLLM: keep <|python_tag|> and friends in the text, and report which stop token ended the turn
        body.put("skip_special_tokens", false);
        return body;
    }

    /** A streaming {@code /v1/chat/completions} body with the conversation and the tools. */
    static ObjectNode chatBody(String model, TurnRequest request) {
        ObjectNode body = common(model, request);
        body.set("messages", messages(request.messages()));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().stream().map(ToolSpec::toOpenAiJson).forEach(tools::add);
        }
        return body;
    }

    private static ObjectNode common(String model, TurnRequest request) {
        SamplingOptions s = request.sampling();
        ObjectNode body = JSON.createObjectNode().put("model", model).put("stream", true)
                .put("max_tokens", request.maxTokens()).put("temperature", Math.max(0f, s.temperature()))
                .put("top_p", s.topP()).put("seed", s.seed());
        if (s.topK() > 0) {
            body.put("top_k", s.topK());
        }
        if (s.minP() > 0) {
            body.put("min_p", s.minP());
        }
        return body;
    }

    /** OpenAI messages; call ids pair each call with the results that follow it, in order. */
    static ArrayNode messages(List<Message> messages) {
        ArrayNode array = JSON.createArrayNode();
        for (int i = 0; i < messages.size(); i++) {
            ObjectNode node = array.addObject();
            switch (messages.get(i)) {
                case SystemMessage m -> node.put("role", "system").put("content", m.content());
                case UserMessage m -> node.put("role", "user").put("content", m.content());
                case ToolResultMessage m -> node.put("role", "tool").put("tool_call_id", callId(m, i))
                        .put("content", m.content());
                case AssistantMessage m -> assistant(node, m, messages, i);
            }
        }
        return array;
    }

    private static void assistant(ObjectNode node, AssistantMessage m, List<Message> messages, int index) {
        node.put("role", "assistant").put("content", m.content());
        if (m.toolCalls().isEmpty()) {
            return;
        }
        ArrayNode calls = node.putArray("tool_calls");
        for (int c = 0; c < m.toolCalls().size(); c++) {
            ToolCall call = m.toolCalls().get(c);
            int resultIndex = index + 1 + c;
            String id = resultIndex < messages.size() && messages.get(resultIndex) instanceof ToolResultMessage r
                    ? callId(r, resultIndex) : "call_" + index + "_" + c;
            ObjectNode function = calls.addObject().put("id", id).put("type", "function").putObject("function");
            function.put("name", call.name()).put("arguments", write(call.arguments()));
        }
    }

    private static String callId(ToolResultMessage m, int index) {
        return m.callId() != null ? m.callId() : "call_" + index;
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
