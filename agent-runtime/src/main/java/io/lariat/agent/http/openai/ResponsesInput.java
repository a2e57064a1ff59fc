package io.lariat.agent.http.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.agent.InvalidRequestException;
import io.lariat.agent.UnsupportedFeatureException;

import java.util.HashSet;
import java.util.Set;

/**
 * Reads the Responses API's {@code input} into Chat Completions messages (the JSON {@code OpenAiMessages} reads), so
 * that both OpenAI endpoints share one message model; every problem names its {@code $.input} path.
 *
 * <p>A string is one user message. An array holds messages (roles {@code user}, {@code system}, {@code developer}
 * (read as system) and {@code assistant}; content a string or {@code input_text}/{@code output_text} parts),
 * {@code function_call} items (joined to the assistant message before them, as its {@code tool_calls}) and
 * {@code function_call_output} items (tool messages, each answering an earlier call by {@code call_id}).
 * {@code reasoning} items are skipped: Llama 3.1 has none to replay. Images, files, audio and references to stored
 * items are refused with 501. Stateless.
 */
public final class ResponsesInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResponsesInput() {
    }

    /**
     * The conversation after {@code input}: {@code previous} (the stored conversation a response continues, or
     * empty) followed by the input's messages.
     *
     * @return a new array; {@code previous} is not changed
     * @throws InvalidRequestException      naming the path of the first bad item
     * @throws UnsupportedFeatureException naming the path of an item or part Lariat does not read
     */
    public static ArrayNode conversation(JsonNode input, ArrayNode previous) {
        ArrayNode messages = previous.deepCopy();
        Set<String> calls = new HashSet<>();
        previous.forEach(m -> m.path("tool_calls").forEach(c -> calls.add(c.path("id").asText())));
        if (input == null || input.isNull()) {
            throw InvalidRequestException.badValue("$.input", "required: a string or an array of input items");
        }
        if (input.isTextual()) {
            messages.add(message("user", input.textValue()));
            return messages;
        }
        if (!input.isArray()) {
            throw InvalidRequestException.badValue("$.input", "expected a string or an array of input items");
        }
        for (int i = 0; i < input.size(); i++) {
            String path = "$.input[" + i + "]";
            JsonNode item = input.get(i);
            if (!item.isObject()) {
                throw InvalidRequestException.badValue(path, "expected an input item object");
            }
            String type = item.path("type").asText(item.has("role") ? "message" : "");
            switch (type) {
                case "message" -> messages.add(message(item, path));
                case "function_call" -> addCall(messages, item, path, calls);
                case "function_call_output" -> messages.add(callOutput(item, path, calls));
                case "reasoning" -> {
                    // the model's own hidden reasoning from another model: Llama 3.1 has no place for it
                }
                case "" -> throw InvalidRequestException.badValue(path + ".type", "required: message, "
                        + "function_call or function_call_output");
                default -> throw new UnsupportedFeatureException(path + ".type", "input items of type \"" + type
                        + "\"");
            }
        }
        return messages;
    }

    /**
     * The input as the items {@code GET /v1/responses/{id}/input_items} lists: a string becomes one user message,
     * message content becomes parts, and each item without an id gets one derived from the response's.
     */
    public static ArrayNode items(JsonNode input, String responseId) {
        String suffix = responseId.substring(responseId.indexOf('_') + 1);
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        if (input.isTextual()) {
            items.add(message("user", input.textValue()).put("type", "message"));
        } else {
            input.forEach(item -> items.add(item.deepCopy()));
        }
        for (int i = 0; i < items.size(); i++) {
            ObjectNode item = (ObjectNode) items.get(i);
            String type = item.path("type").asText("message");
            item.put("type", type);
            if (type.equals("message") && item.path("content").isTextual()) {
                String text = item.get("content").textValue();
                item.putArray("content").addObject().put("type", item.path("role").asText().equals("assistant")
                        ? "output_text" : "input_text").put("text", text);
            }
            if (!item.path("id").isTextual()) {
                String prefix = switch (type) {
                    case "message" -> "msg";
                    case "function_call" -> "fc";
                    case "function_call_output" -> "fco";
                    default -> "item";
                };
                item.put("id", prefix + "_" + suffix + "_in" + i);
            }
        }
        return items;
    }

    private static ObjectNode message(String role, String content) {
        return JsonNodeFactory.instance.objectNode().put("role", role).put("content", content);
    }

    private static ObjectNode message(JsonNode item, String path) {
        String role = item.path("role").asText("");
        return switch (role) {
            case "user", "system", "assistant" -> message(role, text(item.get("content"), path + ".content"));
            case "developer" -> message("system", text(item.get("content"), path + ".content"));
            default -> throw InvalidRequestException.badValue(path + ".role", "expected user, system, developer or "
                    + "assistant, got \"" + role + "\"");
        };
    }

    /** The text of a content string or of its text parts, concatenated. */
    private static String text(JsonNode content, String path) {
        if (content == null || content.isNull()) {
            throw InvalidRequestException.badValue(path, "required: a string or an array of input_text parts");
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            throw InvalidRequestException.badValue(path, "expected a string or an array of input_text parts");
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String at = path + "[" + j + "]";
            String type = part.path("type").asText("");
            switch (type) {
                case "input_text", "output_text", "text" -> {
                    if (!part.path("text").isTextual()) {
                        throw InvalidRequestException.badValue(at + ".text", "expected a string");
                    }
                    text.append(part.get("text").textValue());
                }
                case "input_image", "input_file", "input_audio" -> throw new UnsupportedFeatureException(at,
                        type.substring("input_".length()) + " input (Llama 3.1 reads text only)");
                default -> throw InvalidRequestException.badValue(at + ".type", "expected input_text or "
                        + "output_text, got \"" + type + "\"");
            }
        }
        return text.toString();
    }

    private static void addCall(ArrayNode messages, JsonNode item, String path, Set<String> calls) {
        String callId = requiredString(item, "call_id", path);
        String name = requiredString(item, "name", path);
        String arguments = requiredString(item, "arguments", path);
        try {
            if (!JSON.readTree(arguments).isObject()) {
                throw InvalidRequestException.badValue(path + ".arguments", "expected a JSON object in a string");
            }
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.badValue(path + ".arguments", "not JSON: " + e.getOriginalMessage());
        }
        if (!calls.add(callId)) {
            throw InvalidRequestException.badValue(path + ".call_id", "'" + callId + "' names an earlier call too");
        }
        ObjectNode call = JsonNodeFactory.instance.objectNode().put("id", callId).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        // calls right after an assistant message belong to that turn, as Chat Completions writes them
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        ObjectNode assistant = last != null && "assistant".equals(last.path("role").asText())
                ? (ObjectNode) last : messages.addObject().put("role", "assistant").putNull("content");
        (assistant.path("tool_calls").isArray() ? (ArrayNode) assistant.get("tool_calls")
                : assistant.putArray("tool_calls")).add(call);
    }

    private static ObjectNode callOutput(JsonNode item, String path, Set<String> calls) {
        String callId = requiredString(item, "call_id", path);
        if (!calls.contains(callId)) {
            throw InvalidRequestException.badValue(path + ".call_id", "no function_call with call_id '" + callId
                    + "' comes before this output");
        }
        JsonNode output = item.get("output");
        String text = output != null && output.isTextual() ? output.textValue() : text(output, path + ".output");
        return JsonNodeFactory.instance.objectNode().put("role", "tool").put("tool_call_id", callId)
                .put("content", text);
    }

    private static String requiredString(JsonNode item, String field, String path) {
        JsonNode value = item.get(field);
        if (value == null || !value.isTextual()) {
            throw InvalidRequestException.badValue(path + "." + field, "required: a string");
        }
        return value.textValue();
    }
}
