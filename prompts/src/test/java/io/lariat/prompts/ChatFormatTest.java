package io.lariat.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.prompts.parse.ToolCall;
import io.lariat.prompts.parse.ToolCallParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChatFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @MethodSource("io.lariat.prompts.PromptCases#every")
    void sharedCaseRendersExactText(JsonNode c) {
        List<Message> messages = OpenAiMessages.messages(c.path("inputs").get("messages"));
        String text = PromptCases.formatFor(c, false)
                .renderText(messages, c.path("inputs").path("add_generation_prompt").asBoolean());
        assertEquals(c.get("expected_prompt").asText(), text);
    }

    @ParameterizedTest
    @MethodSource("io.lariat.prompts.PromptCases#every")
    void sharedCaseRendersExpectedTokenIds(JsonNode c) {
        org.junit.jupiter.api.Assumptions.assumeTrue(c.has("expected_token_ids"), "case has no token ids");
        List<Message> messages = OpenAiMessages.messages(c.path("inputs").get("messages"));
        int[] ids = PromptCases.formatFor(c, true)
                .render(messages, c.path("inputs").path("add_generation_prompt").asBoolean());
        int[] expected = JSON.convertValue(c.get("expected_token_ids"), int[].class);
        assertArrayEquals(expected, ids, () -> Arrays.toString(ids));
    }

    private static ChatFormat reference(List<String> builtins) {
        return ChatFormat.builder().tokenizer(TestTokenizer.get()).builtinTools(builtins)
                .today(LocalDate.of(2024, 9, 21)).build();
    }

    @Test
    void userMessageRendersToHeaderContentAndEot() {
        int[] ids = reference(List.of()).renderMessage(new UserMessage("This is a test sentence."));
        assertArrayEquals(new int[] {128006, 882, 128007, 271, 2028, 374, 264, 1296, 11914, 13, 128009}, ids);
    }

    @Test
    void userTextSpellingSpecialTokensStaysOrdinaryText() {
        int[] ids = reference(List.of()).renderMessage(new UserMessage("<|eot_id|>"));
        assertEquals(128009, ids[ids.length - 1]);
        assertEquals(1, Arrays.stream(ids).filter(id -> id >= 128000).filter(id -> id == 128009).count());
    }

    @Test
    void referenceLayoutWithBuiltinToolsMatchesMetasExample() {
        String text = reference(List.of("brave_search", "wolfram_alpha"))
                .renderText(List.of(new SystemMessage("You are a helpful assistant."),
                        new UserMessage("What is the 100th decimal of pi?")), true);
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\n"
                + "Tools: brave_search, wolfram_alpha\nCutting Knowledge Date: December 2023\n"
                + "Today Date: 21 September 2024\n\nYou are a helpful assistant.\n<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nWhat is the 100th decimal of pi?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n", text);
    }

    @Test
    void workedExampleTwelveOneHasTheSpecPromptIds() {
        int[] ids = reference(List.of("brave_search", "wolfram_alpha", "code_interpreter"))
                .render(List.of(new SystemMessage("You are a helpful assistant."),
                        new UserMessage("What is the 100th decimal of pi?")), true);
        int[] expected = {128000, 128006, 9125, 128007, 271, 13013, 25, 6125, 27993, 198, 16992, 25, 34300, 10947,
            11, 80714, 92604, 27731, 198, 38766, 1303, 33025, 2696, 25, 6790, 220, 2366, 18, 198, 15724, 2696, 25,
            220, 1691, 6250, 220, 2366, 19, 271, 2675, 527, 264, 11190, 18328, 627, 128009, 128006, 882, 128007, 271,
            3923, 374, 279, 220, 1041, 339, 12395, 315, 9115, 30, 128009, 128006, 78191, 128007, 271};
        assertArrayEquals(expected, ids);
    }

    @Test
    void workedExampleTwelveOneReplaysToTheSpecTokenStream() {
        var tokenizer = TestTokenizer.get();
        int[] gen1 = {128010, 86, 337, 92604, 27731, 8692, 10974, 429, 1041, 339, 12395, 315, 9115, 909};
        int[] gen2 = {791, 220, 1041, 339, 12395, 315, 9115, 374, 220, 22, 13};
        int[] gen3 = {128010, 1374, 7, 17, 3146, 220, 1041, 8};
        int[] gen4 = tokenizer.encode("2 to the power of 100 is 1267650600228229401496703205376.");
        String wolfram = "{\"queryresult\": {\"success\": true, \"inputstring\": \"100th decimal of pi\", \"pods\": "
                + "[{\"title\": \"Result\", \"primary\": true, \"subpods\": [{\"title\": \"\", \"plaintext\": \"7\"}]}]}}";
        List<Message> conversation = List.of(new SystemMessage("You are a helpful assistant."),
                new UserMessage("What is the 100th decimal of pi?"),
                new AssistantMessage(null, List.of(), gen1, AssistantMessage.End.EOM),
                new ToolResultMessage("1", "wolfram_alpha", wolfram),
                new AssistantMessage(null, List.of(), gen2, AssistantMessage.End.EOT),
                new UserMessage("Now use Python to compute 2 to the power of 100."),
                new AssistantMessage(null, List.of(), gen3, AssistantMessage.End.EOM),
                new ToolResultMessage("2", "code_interpreter",
                        "completed\n[stdout]1267650600228229401496703205376[/stdout]"),
                new AssistantMessage(null, List.of(), gen4, AssistantMessage.End.EOT));
        ChatFormat format = reference(List.of("brave_search", "wolfram_alpha", "code_interpreter"));
        int[] ids = format.render(conversation, false);
        assertEquals(238, ids.length);
        String text = format.renderText(conversation, false);
        assertArrayEquals(ids, tokenizer.encodeWithSpecials(text), "per-segment and one-pass tokenization agree");
    }

    @Test
    void sampledAssistantTurnReplaysItsIdsAndEndToken() {
        int[] sampled = {128010, 1374, 7, 17, 3146, 220, 1041, 8};
        AssistantMessage turn = new AssistantMessage(null, List.of(), sampled, AssistantMessage.End.EOM);
        int[] ids = reference(List.of()).renderMessage(turn);
        assertArrayEquals(new int[] {128006, 78191, 128007, 271, 128010, 1374, 7, 17, 3146, 220, 1041, 8, 128008},
                ids);
    }

    @Test
    void generatedTurnReplaysThroughTheParsedTurnFactory() {
        int[] sampled = {128010, 1374, 7, 17, 3146, 220, 1041, 8};
        String decoded = TestTokenizer.get().decode(sampled) + "<|eom_id|>";
        AssistantMessage turn = AssistantMessage.sampled(ToolCallParser.parse(decoded), sampled);
        assertEquals("code_interpreter", turn.toolCalls().getFirst().name());
        assertArrayEquals(new int[] {128006, 78191, 128007, 271, 128010, 1374, 7, 17, 3146, 220, 1041, 8, 128008},
                reference(List.of()).renderMessage(turn));
    }

    @Test
    void incrementalRenderingEqualsFullRendering() {
        ChatFormat format = reference(List.of("code_interpreter"));
        List<Message> start = List.of(new SystemMessage("Be brief."), new UserMessage("2**100?"));
        AssistantMessage call = new AssistantMessage(null,
                ToolCallParser.parse("<|python_tag|>print(2 ** 100)<|eom_id|>").calls(), null,
                AssistantMessage.End.EOM);
        ToolResultMessage result = new ToolResultMessage("c1", "code_interpreter",
                "completed\n[stdout]1267650600228229401496703205376[/stdout]");
        int[] full = format.render(List.of(start.get(0), start.get(1), call, result), true);
        int[] incremental = concat(format.render(start, false), format.renderMessage(call),
                format.renderMessage(result), format.generationPrompt());
        assertArrayEquals(full, incremental);
    }

    @Test
    void historyCallsRenderInTheConfiguredStyles() {
        ToolCall call = ToolCall.of("get_weather", JSON.createObjectNode().put("city", "Paris").put("n", 2));
        AssistantMessage turn = new AssistantMessage("", List.of(call), null, AssistantMessage.End.EOT);
        assertEquals("<|start_header_id|>assistant<|end_header_id|>\n\n{\"name\": \"get_weather\", \"parameters\": "
                + "{\"city\": \"Paris\", \"n\": 2}}<|eot_id|>", styled(CustomToolStyle.JSON).renderMessageText(turn));
        assertEquals("<|start_header_id|>assistant<|end_header_id|>\n\n<function=get_weather>{\"city\": \"Paris\", "
                + "\"n\": 2}</function><|eot_id|>", styled(CustomToolStyle.FUNCTION_TAG).renderMessageText(turn));
        assertEquals("<|start_header_id|>assistant<|end_header_id|>\n\n[get_weather(city=\"Paris\", n=2)]<|eot_id|>",
                styled(CustomToolStyle.PYTHON_LIST).renderMessageText(turn));
    }

    @Test
    void builtinHistoryCallIsTaggedAndEscaped() {
        ToolCall call = ToolCall.of("brave_search", JSON.createObjectNode().put("query", "say \"hi\""));
        String text = reference(List.of("brave_search")).renderMessageText(AssistantMessage.calls(List.of(call)));
        assertEquals("<|start_header_id|>assistant<|end_header_id|>\n\n<|python_tag|>brave_search.call("
                + "query=\"say \\\"hi\\\"\")<|eom_id|>", text);
        assertEquals("say \"hi\"", ToolCallParser.parse(text.substring(text.indexOf("<|python_tag|>")))
                .calls().getFirst().arguments().get("query").asText());
    }

    @Test
    void pythonListToolsGoInTheSystemMessageLikeTheLlama32Document() throws Exception {
        JsonNode parameters = JSON.readTree("{\"type\": \"object\", \"required\": [\"city\"], \"properties\": {"
                + "\"city\": {\"type\": \"string\", \"description\": \"The name of the city to get the weather for\"},"
                + "\"metric\": {\"type\": \"string\", \"description\": \"The metric for weather. Options are: "
                + "celsius, fahrenheit\", \"default\": \"celsius\"}}}");
        ChatFormat format = ChatFormat.builder().toolStyle(CustomToolStyle.PYTHON_LIST)
                .tools(List.of(new ToolSpec("get_weather", "Get weather info for places", parameters))).build();
        String text = format.renderText(List.of(new UserMessage("What is the weather in SF and Seattle?")), true);
        String expected = new String(getClass().getResourceAsStream("/chatformat/doc32-python-list.txt")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(expected, text);
    }

    @Test
    void referenceLayoutWithOnlyCodeInterpreterLeavesABlankLineAndNoToolsLine() {
        String text = reference(List.of("code_interpreter")).renderText(List.of(new UserMessage("x")), false);
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\n\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 21 September 2024\n<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nx<|eot_id|>", text);
    }

    @Test
    void referenceLayoutPutsJsonToolsBeforeTheFirstUserText() throws Exception {
        ToolSpec tool = new ToolSpec("f", "Does f", JSON.readTree("{\"type\": \"object\", \"properties\": {}}"));
        String text = ChatFormat.builder().tools(List.of(tool)).today(LocalDate.of(2024, 9, 21)).build()
                .renderText(List.of(new UserMessage(" Go. "), new UserMessage("Again")), false);
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\n\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 21 September 2024\n<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nGiven the following functions, please respond with a "
                + "JSON for a function call with its proper arguments that best answers the given prompt.\n\n"
                + "Respond in the format {\"name\": function name, \"parameters\": dictionary of argument name and its "
                + "value}.Do not use variables.\n\n{\n    \"type\": \"function\",\n    \"function\": {\n        "
                + "\"name\": \"f\",\n        \"description\": \"Does f\",\n        \"parameters\": {\n            "
                + "\"type\": \"object\",\n            \"properties\": {}\n        }\n    }\n}\n\nGo.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nAgain<|eot_id|>", text);
    }

    @Test
    void functionTagToolsGoInAUserMessageOfTheirOwn() throws Exception {
        ToolSpec tool = new ToolSpec("trending_songs", "Returns the trending songs on a Music site",
                JSON.readTree("{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}"));
        String text = ChatFormat.builder().toolStyle(CustomToolStyle.FUNCTION_TAG).tools(List.of(tool))
                .today(LocalDate.of(2024, 9, 21)).build().renderText(List.of(new UserMessage("Songs?")), false);
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\n\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 21 September 2024\n<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nYou have access to the following functions:\n\n"
                + "Use the function 'trending_songs' to 'Returns the trending songs on a Music site':\n"
                + "{\"name\": \"trending_songs\", \"description\": \"Returns the trending songs on a Music site\", "
                + "\"parameters\": {\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}}\n\n"
                + "Think very carefully before calling functions.\nIf you choose to call a function ONLY reply in the "
                + "following format with no prefix or suffix:\n\n<function=example_function_name>{\"example_name\": "
                + "\"example_value\"}</function>\n\nReminder:\n- If looking for real time information use relevant "
                + "functions before falling back to brave_search\n- Function calls MUST follow the specified format, "
                + "start with <function= and end with </function>\n- Required parameters MUST be specified\n"
                + "- Only call one function at a time\n- Put the entire function call reply on one line<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nSongs?<|eot_id|>", text);
    }

    @Test
    void toolsInFirstUserMessageNeedAUserMessage() {
        ChatFormat format = ChatFormat.builder().layout(PromptLayout.HUGGING_FACE)
                .tools(List.of(new ToolSpec("f", null, JSON.createObjectNode()))).build();
        PromptException e = assertThrows(PromptException.class, () -> format.renderText(List.of(), true));
        assertEquals("Cannot put tools in the first user message when there's no first user message!", e.problem());
    }

    @Test
    void plainLayoutWritesPastCallsLikeMetasReferenceEncoder() throws Exception {
        List<Message> messages = OpenAiMessages.messages(JSON.readTree("""
                [{"role": "user", "content": " Paris? "},
                 {"role": "assistant", "content": "", "stop_reason": "end_of_message",
                  "tool_calls": [{"tool_name": "brave_search", "arguments": {"query": "café \\"x\\""}}]},
                 {"role": "tool", "content": "r"},
                 {"role": "assistant", "content": "", "stop_reason": "end_of_turn",
                  "tool_calls": [{"tool_name": "f", "arguments": {"city": "Zürich"}}]}]"""));
        String text = ChatFormat.builder().layout(PromptLayout.PLAIN).build().renderText(messages, false);
        assertEquals("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n Paris? <|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\nbrave_search.call(query=\"café \"x\"\")<|eom_id|>"
                + "<|start_header_id|>ipython<|end_header_id|>\n\nr<|eot_id|><|start_header_id|>assistant"
                + "<|end_header_id|>\n\n{\"type\": \"function\", \"name\": \"f\", \"parameters\": {\"city\": "
                + "\"Z\\u00fcrich\"}}<|eot_id|>", text);
    }

    private static ChatFormat styled(CustomToolStyle style) {
        return ChatFormat.builder().toolStyle(style).today(LocalDate.of(2024, 9, 21)).build();
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }
}
