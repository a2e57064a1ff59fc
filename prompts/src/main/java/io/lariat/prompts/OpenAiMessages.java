package io.lariat.prompts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.json.PythonJson;
import io.lariat.prompts.parse.ToolCall;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps OpenAI-style chat JSON ({@code messages} and {@code tools} as HF's {@code apply_chat_template} takes them)
 * onto the message model and back, one to one. Stateless.
 *
 * <p>Roles: {@code system}, {@code user}, {@code assistant}, {@code tool} or {@code ipython}. Content is a string,
 * null, or a list of parts whose {@code text} parts are concatenated; a tool message whose content is an object or
 * array becomes a structured result written as compact JSON. Tool-call arguments may be an object or a JSON string.
 * An assistant message with calls ends with eom unless its {@code stop_reason} says {@code end_of_turn}.
 *
 * @throws PromptException from every method when the JSON does not have this shape, naming the JSON path
 */
public final class OpenAiMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiMessages() {
    }

    /** The messages of a JSON array. */
    public static List<Message> messages(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new PromptException("$.messages: expected an array");
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            messages.add(message(array.get(i), "$.messages[" + i + "]"));
        }
        return messages;
    }

    private static Message message(JsonNode node, String path) {
        String role = node.path("role").asText("");
        return switch (role) {
            case "system" -> new SystemMessage(text(node.get("content"), path));
            case "user" -> new UserMessage(text(node.get("content"), path));
            case "assistant" -> assistant(node, path);
            case "tool", "ipython" -> toolResult(node, path);
            default -> throw new PromptException(path + ".role: expected system, user, assistant, tool or ipython, "
                    + "got \"" + role + "\"");
        };
    }

    private static AssistantMessage assistant(JsonNode node, String path) {
        JsonNode content = node.get("content");
        String text = content == null || content.isNull() ? null : text(content, path);
        List<ToolCall> calls = new ArrayList<>();
        JsonNode toolCalls = node.path("tool_calls");
        for (int i = 0; i < toolCalls.size(); i++) {
            calls.add(toolCall(toolCalls.get(i), path + ".tool_calls[" + i + "]"));
        }
        String stopReason = node.path("stop_reason").asText("");
        AssistantMessage.End end = switch (stopReason) {
            case "end_of_message" -> AssistantMessage.End.EOM;
            case "end_of_turn" -> AssistantMessage.End.EOT;
            default -> calls.isEmpty() ? AssistantMessage.End.EOT : AssistantMessage.End.EOM;
        };
        return new AssistantMessage(text, calls, null, end);
    }

    private static ToolCall toolCall(JsonNode node, String path) {
        JsonNode function = node.has("function") ? node.get("function") : node;
        String name = function.has("name") ? function.path("name").asText(null) : function.path("tool_name")
                .asText(null);
        if (name == null) {
            throw new PromptException(path + ".function.name: missing");
        }
        return ToolCall.of(name, arguments(function.get("arguments"), path + ".function.arguments"));
    }

    private static ObjectNode arguments(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode value = node;
        if (node.isTextual()) {
            try {
                value = JSON.readTree(node.textValue());
            } catch (JsonProcessingException e) {
                throw new PromptException(path + ": not a JSON object: " + e.getOriginalMessage());
            }
        }
        if (!(value instanceof ObjectNode object)) {
            throw new PromptException(path + ": expected an object");
        }
        return object;
    }

    private static ToolResultMessage toolResult(JsonNode node, String path) {
        JsonNode content = node.get("content");
        String callId = node.path("tool_call_id").asText(null);
        String name = node.path("name").asText(null);
        if (content != null && (content.isObject() || (content.isArray() && !isTextParts(content)))) {
            return new ToolResultMessage(callId, name, PythonJson.dumps(content), true);
        }
        return new ToolResultMessage(callId, name, text(content, path));
    }

    private static boolean isTextParts(JsonNode array) {
        for (JsonNode part : array) {
            if (!part.isObject() || !"text".equals(part.path("type").asText())) {
                return false;
            }
        }
        return !array.isEmpty();
    }

    private static String text(JsonNode content, String path) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (content.isArray() && isTextParts(content)) {
            StringBuilder out = new StringBuilder();
            content.forEach(part -> out.append(part.path("text").asText()));
            return out.toString();
        }
        throw new PromptException(path + ".content: expected a string or a list of text parts");
    }

    /**
     * The tool definitions of a JSON array of {@code {"type": "function", "function": {...}}} (or bare) objects.
     *
     * @throws PromptException naming the path when a name breaks {@link ToolSpec#NAME} or repeats an earlier one
     */
    public static List<ToolSpec> tools(JsonNode array) {
        List<ToolSpec> tools = new ArrayList<>();
        if (array == null || array.isNull()) {
            return tools;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode tool = array.get(i);
            JsonNode function = tool.has("function") ? tool.get("function") : tool;
            if (!function.path("name").isTextual()) {
                throw new PromptException("$.tools[" + i + "].function.name: expected a string");
            }
            String name = function.get("name").textValue();
            String problem = ToolSpec.nameProblem(name);
            if (problem != null) {
                throw new PromptException("$.tools[" + i + "].function.name: " + problem);
            }
            if (tools.stream().anyMatch(t -> t.name().equals(name))) {
                throw new PromptException("$.tools[" + i + "].function.name: duplicate tool name '" + name + "'");
            }
            JsonNode parameters = function.has("parameters") ? function.get("parameters")
                    : JsonNodeFactory.instance.objectNode().put("type", "object");
            tools.add(new ToolSpec(name,
                    function.path("description").isTextual() ? function.get("description").textValue() : null,
                    parameters));
        }
        return tools;
    }

    /** The OpenAI-style JSON of messages; calls carry object arguments, structured results their JSON. */
    public static ArrayNode toJson(List<Message> messages) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Message message : messages) {
            ObjectNode node = array.addObject();
            node.put("role", message instanceof ToolResultMessage ? "tool" : message.headerRole());
            switch (message) {
                case SystemMessage system -> node.put("content", system.content());
                case UserMessage user -> node.put("content", user.content());
                case AssistantMessage assistant -> assistantJson(node, assistant);
                case ToolResultMessage result -> resultJson(node, result);
            }
        }
        return array;
    }

    private static void assistantJson(ObjectNode node, AssistantMessage assistant) {
        node.put("content", assistant.content());
        if (!assistant.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (ToolCall call : assistant.toolCalls()) {
                ObjectNode function = calls.addObject().put("type", "function").putObject("function");
                function.put("name", call.name());
                function.set("arguments", call.arguments());
            }
        }
    }

    private static void resultJson(ObjectNode node, ToolResultMessage result) {
        if (result.structured()) {
            try {
                node.set("content", JSON.readTree(result.content()));
                return;
            } catch (JsonProcessingException e) {
                throw new PromptException("structured tool result is not JSON: " + e.getOriginalMessage());
            }
        }
        node.put("content", result.content());
    }
}
