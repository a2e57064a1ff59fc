package io.lariat.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.engine.gguf.GgufFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChatTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock SEP_24_2024 = Clock.fixed(Instant.parse("2024-09-24T10:00:00Z"), ZoneOffset.UTC);

    private static ChatTemplate llama31;

    static synchronized ChatTemplate llama31() {
        if (llama31 == null) {
            try (GgufFile file = GgufFile.open(SharedData.file("testdata/llama31-vocab.gguf"))) {
                llama31 = ChatTemplate.fromGguf(file).withClock(SEP_24_2024);
            }
        }
        return llama31;
    }

    private static ChatTemplate llama32() throws Exception {
        try (var in = ChatTemplateTest.class.getResourceAsStream("/chattemplate/llama32.jinja")) {
            return new ChatTemplate(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "<|begin_of_text|>", "<|eot_id|>", SEP_24_2024);
        }
    }

    @Test
    void llama32TemplateDatesThePromptWithStrftimeNow() throws Exception {
        JsonNode inputs = JSON.readTree("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], "
                + "\"add_generation_prompt\": true}");
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: "
                + "December 2023\nToday Date: 24 Sep 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n"
                + "Hi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n", llama32().render(inputs));
    }

    @Test
    void llama32TemplateRendersACustomToolRoundTrip() throws Exception {
        JsonNode inputs = JSON.readTree("""
                {"messages": [{"role": "system", "content": "Be brief."},
                  {"role": "user", "content": "What is the weather in SF?"},
                  {"role": "assistant", "tool_calls": [{"type": "function", "function": {"name": "get_weather",
                    "arguments": {"city": "San Francisco", "metric": "celsius"}}}]},
                  {"role": "tool", "content": "25 C"}],
                 "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather",
                   "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}],
                 "template_vars": {"tools_in_user_message": false, "date_string": "24 Sep 2024"},
                 "add_generation_prompt": true}""");
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 24 Sep 2024\n\nYou have access to the "
                + "following functions. To call a function, please respond with JSON for a function call.Respond in "
                + "the format {\"name\": function name, \"parameters\": dictionary of argument name and its value}."
                + "Do not use variables.\n\n{\n    \"type\": \"function\",\n    \"function\": {\n        \"name\": "
                + "\"get_weather\",\n        \"description\": \"Weather\",\n        \"parameters\": {\n            "
                + "\"type\": \"object\",\n            \"properties\": {\n                \"city\": {\n                    "
                + "\"type\": \"string\"\n                }\n            }\n        }\n    }\n}\n\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nWhat is the weather in SF?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n{\"name\": \"get_weather\", \"parameters\": "
                + "{\"city\": \"San Francisco\", \"metric\": \"celsius\"}}<|eot_id|><|start_header_id|>ipython"
                + "<|end_header_id|>\n\n\"25 C\"<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
                llama32().render(inputs));
    }

    @ParameterizedTest
    @MethodSource("io.lariat.prompts.PromptCases#jinja31")
    void officialTemplateRendersSharedCaseExactly(JsonNode c) {
        assertEquals(c.get("expected_prompt").asText(), llama31().render(c.get("inputs")));
    }

    @ParameterizedTest
    @MethodSource("io.lariat.prompts.PromptCases#jinja31")
    void officialTemplateTokenizesToExpectedIds(JsonNode c) {
        org.junit.jupiter.api.Assumptions.assumeTrue(c.has("expected_token_ids"), "case has no token ids");
        int[] ids = llama31().renderIds(c.get("inputs"), TestTokenizer.get());
        assertArrayEquals(JSON.convertValue(c.get("expected_token_ids"), int[].class), ids,
                () -> Arrays.toString(ids));
    }

    @ParameterizedTest
    @MethodSource("io.lariat.prompts.PromptCases#jinja31")
    void nativeFormatAgreesWithOfficialTemplate(JsonNode c) {
        List<Message> messages = OpenAiMessages.messages(c.path("inputs").get("messages"));
        boolean generation = c.path("inputs").path("add_generation_prompt").asBoolean();
        assertEquals(llama31().render(c.get("inputs")),
                PromptCases.formatFor(c, false).renderText(messages, generation));
    }

    @Test
    void nativeFormatAgreesWithOfficialTemplateOnAFullToolRoundTrip() throws Exception {
        JsonNode inputs = JSON.readTree("""
                {"messages": [
                  {"role": "system", "content": "  You plan trips.  "},
                  {"role": "user", "content": "Weather in Paris?"},
                  {"role": "assistant", "content": null, "tool_calls": [{"type": "function", "function":
                    {"name": "get_weather", "arguments": {"city": "Paris", "days": 2, "r": 1e-05}}}]},
                  {"role": "tool", "content": {"temperature": 21, "sky": "sunny, \\u00e9t\\u00e9"}},
                  {"role": "assistant", "content": " It is 21 °C. "},
                  {"role": "user", "content": "And search the news."},
                  {"role": "assistant", "tool_calls": [{"type": "function", "function":
                    {"name": "brave_search", "arguments": {"query": "Paris news"}}}]},
                  {"role": "ipython", "content": "no results"}],
                 "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather",
                   "parameters": {"type": "object", "properties": {"city": {"type": "string"},
                   "days": {"type": "integer", "minimum": 1.5}}, "required": ["city"]}}}],
                 "template_vars": {"builtin_tools": ["brave_search", "code_interpreter"], "date_string": "01 Jan 2025",
                   "tools_in_user_message": false},
                 "add_generation_prompt": true}""");
        List<Message> messages = OpenAiMessages.messages(inputs.get("messages"));
        ChatFormat format = ChatFormat.builder().layout(PromptLayout.HUGGING_FACE)
                .builtinTools(List.of("brave_search", "code_interpreter"))
                .tools(OpenAiMessages.tools(inputs.get("tools"))).toolPlacement(ToolPlacement.SYSTEM_MESSAGE)
                .dateString("01 Jan 2025").build();
        assertEquals(llama31().render(inputs), format.renderText(messages, true));
    }

    @Test
    void nativeFormatAgreesWithOfficialTemplateOnCodeAndMixedTools() throws Exception {
        JsonNode inputs = JSON.readTree("""
                {"messages": [
                  {"role": "user", "content": "Compute."},
                  {"role": "assistant", "tool_calls": [{"type": "function", "function":
                    {"name": "code_interpreter", "arguments": {"code": "x = 'a'\\nprint(x)"}}}]},
                  {"role": "tool", "content": "a"},
                  {"role": "assistant", "tool_calls": [{"type": "function", "function":
                    {"name": "lookup", "arguments": {"id": 7, "tags": ["x", "ü"]}}}]},
                  {"role": "tool", "content": [1, 2]}],
                 "tools": [{"type": "function", "function": {"name": "lookup", "description": "Find",
                   "parameters": {"type": "object", "properties": {"id": {"type": "integer"}}}}}],
                 "template_vars": {"builtin_tools": ["wolfram_alpha", "code_interpreter"]},
                 "add_generation_prompt": false}""");
        ChatFormat format = ChatFormat.builder().layout(PromptLayout.HUGGING_FACE)
                .builtinTools(List.of("wolfram_alpha", "code_interpreter"))
                .tools(OpenAiMessages.tools(inputs.get("tools"))).build();
        String expected = llama31().render(inputs);
        assertEquals(expected, format.renderText(OpenAiMessages.messages(inputs.get("messages")), false));
        org.junit.jupiter.api.Assertions.assertTrue(expected.contains(
                "<|python_tag|>code_interpreter.call(code=\"x = 'a'\nprint(x)\")<|eom_id|>"), expected);
    }

    @Test
    void specialNamesInsideContentStayOrdinaryText() {
        ObjectNode inputs = JSON.createObjectNode();
        inputs.putArray("messages").addObject().put("role", "user").put("content", "a<|eot_id|>b");
        inputs.put("add_generation_prompt", false);
        int[] ids = llama31().renderIds(inputs, TestTokenizer.get());
        assertEquals(2, Arrays.stream(ids).filter(id -> id == 128009).count(),
                "only the system and user terminators are eot: " + Arrays.toString(ids));
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: "
                + "December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n"
                + "a<|eot_id|>b<|eot_id|>", TestTokenizer.get().decode(ids));
    }

    @Test
    void aTemplateThatLoopsTooLongIsStoppedWithOneLine() {
        ChatTemplate spin = new ChatTemplate("{% for a in range(1000) %}{% for b in range(1000) %}"
                + "{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}", "<s>", "</s>", SEP_24_2024);
        PromptException e = assertThrows(PromptException.class, () -> spin.render(JSON.createObjectNode()
                .set("messages", JSON.createArrayNode())));
        assertEquals("chat template did not finish rendering within 5 s; a template that loops this long is not a"
                + " chat template", e.getMessage());
    }

    @Test
    void aTemplateThatWritesTooMuchIsStoppedWithOneLine() {
        ChatTemplate flood = new ChatTemplate("{% for a in range(1000) %}{% for b in range(1000) %}"
                + "0123456789{% endfor %}{% endfor %}", "<s>", "</s>", SEP_24_2024);
        PromptException e = assertThrows(PromptException.class, () -> flood.render(JSON.createObjectNode()
                .set("messages", JSON.createArrayNode())));
        assertEquals("chat template output exceeds 4194304 characters; a template that writes this much is not a"
                + " chat template", e.getMessage());
    }

    @Test
    void raiseExceptionBecomesPromptException() {
        ObjectNode inputs = JSON.createObjectNode();
        inputs.putArray("messages").addObject().put("role", "system").put("content", "S");
        inputs.putArray("tools").addObject().put("type", "function").putObject("function").put("name", "f");
        ChatTemplate template = llama31(); // outside assertThrows, so that a missing ../shared skips the test
        PromptException e = assertThrows(PromptException.class, () -> template.render(inputs));
        assertEquals("chat template raised: Cannot put tools in the first user message when there's no first user "
                + "message!", e.problem());
    }

    @Test
    void strftimeNowIsDefinedAndUsesTheClock() {
        ChatTemplate template = new ChatTemplate("{% if strftime_now is defined %}{{ strftime_now(\"%d %b %Y\") }}"
                + "|{{ strftime_now(\"%A %d %B %Y %H:%M\") }}{% endif %}", "<s>", "</s>", SEP_24_2024);
        assertEquals("24 Sep 2024|Tuesday 24 September 2024 10:00", template.render(JSON.createObjectNode()));
    }

    @Test
    void toJsonWritesPythonStyleAndStringsCountAsIterable() {
        ChatTemplate template = new ChatTemplate("{{ x | tojson }}|{{ x | tojson(indent=2) }}|"
                + "{{ 'abc' is iterable }}|{{ s | tojson }}", "<s>", "</s>", SEP_24_2024);
        ObjectNode inputs = JSON.createObjectNode();
        inputs.putObject("template_vars").put("s", "é\"\n").putObject("x").put("a", 1e-5).putArray("b").add(true);
        assertEquals("{\"a\": 1e-05, \"b\": [true]}|{\n  \"a\": 1e-05,\n  \"b\": [\n    true\n  ]\n}|true|"
                + "\"é\\\"\\n\"", template.render(inputs));
    }

    @Test
    void pythonStringMethodsNamespaceAndLoopControlsWork() {
        ChatTemplate template = new ChatTemplate("{% set ns = namespace(n=0) %}{% for m in messages %}"
                + "{% if m.content.startswith(('#', '!')) %}{% continue %}{% endif %}{% set ns.n = ns.n + 1 %}"
                + "{{ m.content.strip().upper() }}|{{ m.content.split(',') | length }}|{{ '-'.join(m.content.split()) }};"
                + "{% if ns.n == 2 %}{% break %}{% endif %}{% endfor %}{{ ns.n }}", "<s>", "</s>", SEP_24_2024);
        ObjectNode inputs = JSON.createObjectNode();
        var messages = inputs.putArray("messages");
        for (String content : List.of(" a, b ", "# skipped", "c d", "e")) {
            messages.addObject().put("role", "user").put("content", content);
        }
        assertEquals("A, B|2|a,-b;C D|1|c-d;2", template.render(inputs));
    }

    @Test
    void messageModelRendersThroughTheTemplate() {
        String text = llama31().render(List.of(new UserMessage("Hi")), List.of(), Map.of("date_string", "02 Feb 2025"),
                true);
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: "
                + "December 2023\nToday Date: 02 Feb 2025\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n"
                + "Hi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n", text);
    }
}
