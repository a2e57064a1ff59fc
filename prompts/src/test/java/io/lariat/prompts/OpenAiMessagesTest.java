package io.lariat.prompts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.prompts.parse.ToolCall;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OpenAiMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyRoleMapsOneToOne() throws Exception {
        List<Message> messages = OpenAiMessages.messages(JSON.readTree("""
                [{"role": "system", "content": "S"},
                 {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]},
                 {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function",
                   "function": {"name": "f", "arguments": "{\\"x\\": 1}"}}]},
                 {"role": "tool", "tool_call_id": "c1", "name": "f", "content": {"ok": true}},
                 {"role": "ipython", "content": "plain"},
                 {"role": "assistant", "content": "done"}]"""));
        ToolCall call = ToolCall.of("f", JSON.createObjectNode().put("x", 1));
        assertEquals(List.of(new SystemMessage("S"), new UserMessage("ab"),
                new AssistantMessage(null, List.of(call), null, AssistantMessage.End.EOM),
                new ToolResultMessage("c1", "f", "{\"ok\": true}", true),
                new ToolResultMessage(null, null, "plain"), AssistantMessage.text("done")), messages);
    }

    @Test
    void toJsonAndBackIsIdentity() throws Exception {
        var json = JSON.readTree("""
                [{"role": "user", "content": "hi"},
                 {"role": "assistant", "content": null, "tool_calls": [{"type": "function",
                   "function": {"name": "f", "arguments": {"x": [1, 2]}}}]},
                 {"role": "tool", "content": {"ok": 1}}]""");
        List<Message> messages = OpenAiMessages.messages(json);
        assertEquals(messages, OpenAiMessages.messages(OpenAiMessages.toJson(messages)));
    }

    @Test
    void badShapesNameTheJsonPath() throws Exception {
        PromptException role = assertThrows(PromptException.class,
                () -> OpenAiMessages.messages(JSON.readTree("[{\"role\": \"user\", \"content\": \"x\"}, {\"role\": \"bot\"}]")));
        assertEquals("$.messages[1].role: expected system, user, assistant, tool or ipython, got \"bot\"",
                role.problem());
        PromptException arguments = assertThrows(PromptException.class, () -> OpenAiMessages.messages(JSON.readTree(
                "[{\"role\": \"assistant\", \"tool_calls\": [{\"function\": {\"name\": \"f\", \"arguments\": \"[1]\"}}]}]")));
        assertEquals("$.messages[0].tool_calls[0].function.arguments: expected an object", arguments.problem());
    }

    @Test
    void toolNamesMustBePlainIdentifiersAndUnique() throws Exception {
        ObjectMapper json = new ObjectMapper();
        PromptException bad = assertThrows(PromptException.class, () -> OpenAiMessages.tools(json.readTree(
                "[{\"type\": \"function\", \"function\": {\"name\": \"f<|eot_id|>\"}}]")));
        assertEquals("$.tools[0].function.name: tool name 'f<|eot_id|>' must be 1 to 64 letters, digits, '_' or '-'",
                bad.problem());
        PromptException duplicate = assertThrows(PromptException.class, () -> OpenAiMessages.tools(json.readTree(
                "[{\"function\": {\"name\": \"f\"}}, {\"function\": {\"name\": \"f\"}}]")));
        assertEquals("$.tools[1].function.name: duplicate tool name 'f'", duplicate.problem());
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class, () -> new ToolSpec("a b",
                null, json.createObjectNode()));
        assertEquals("tool name 'a b' must be 1 to 64 letters, digits, '_' or '-'", direct.getMessage());
        assertEquals("x".repeat(64), new ToolSpec("x".repeat(64), null, json.createObjectNode()).name());
        assertThrows(IllegalArgumentException.class, () -> new ToolSpec("x".repeat(65), null,
                json.createObjectNode()));
    }
}
