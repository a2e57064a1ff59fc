package io.lariat.agent.http;

import io.lariat.agent.InvalidRequestException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The checks the real APIs make on messages and tool definitions before a request is read: each message is an
 * object with {@code content} (an assistant message may carry {@code tool_calls} instead), and each tool's
 * {@code parameters} is a JSON Schema object. OpenAI's {@code developer} role is read as {@code system}. Stateless.
 */
public final class MessageChecks {
    private MessageChecks() {
    }

    /**
     * A copy of {@code messages} with {@code developer} messages as {@code system} ones.
     *
     * @throws InvalidRequestException naming the path of the first message without content
     */
    public static ArrayNode messages(JsonNode messages) {
        if (messages == null || !messages.isArray()) {
            throw InvalidRequestException.badValue("$.messages", "expected an array of messages");
        }
        ArrayNode out = messages.deepCopy();
        for (int i = 0; i < out.size(); i++) {
            String path = "$.messages[" + i + "]";
            if (!(out.get(i) instanceof ObjectNode message)) {
                throw InvalidRequestException.badValue(path, "expected an object with role and content");
            }
            if ("developer".equals(message.path("role").asText())) {
                message.put("role", "system");
            }
            boolean hasContent = message.hasNonNull("content");
            boolean hasCalls = message.path("tool_calls").isArray() && !message.path("tool_calls").isEmpty();
            if (!hasContent && !(hasCalls && "assistant".equals(message.path("role").asText()))) {
                throw InvalidRequestException.badValue(path + ".content", "assistant".equals(
                        message.path("role").asText()) ? "required unless the message has tool_calls" : "required");
            }
        }
        return out;
    }

    /**
     * Checks that every tool's {@code parameters}, when given, is a JSON Schema of an object.
     *
     * @throws InvalidRequestException naming the path of the first bad definition
     */
    public static void tools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw InvalidRequestException.badValue("$.tools", "expected an array of tools");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String path = "$.tools[" + i + "]";
            if (!tool.isObject()) {
                throw InvalidRequestException.badValue(path, "expected an object");
            }
            JsonNode function = tool.has("function") ? tool.get("function") : tool;
            JsonNode parameters = function.get("parameters");
            if (parameters == null || parameters.isNull()) {
                continue;
            }
            String at = path + (tool.has("function") ? ".function" : "") + ".parameters";
            if (!parameters.isObject()) {
                throw InvalidRequestException.badValue(at, "expected a JSON Schema object");
            }
            JsonNode type = parameters.get("type");
            if (type != null && !(type.isTextual() && type.textValue().equals("object"))) {
                throw InvalidRequestException.badValue(at + ".type", "expected \"object\": parameters are the "
                        + "schema of the arguments object");
            }
        }
    }
}
