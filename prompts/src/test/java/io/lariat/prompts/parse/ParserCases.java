package io.lariat.prompts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.prompts.SharedData;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Parser test tables: the shared test vectors and the spec §9.4 edge cases. */
final class ParserCases {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParserCases() {
    }

    /** (model output, expected JSON node, format) for every shared test vector. */
    static Stream<Arguments> sharedCases() throws IOException {
        JsonNode cases = JSON.readTree(SharedData.file("spec/cases/tool-calls.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : cases) {
            out.add(Arguments.of(Named.of(c.get("id").asText(), c.get("model_output").asText()), c.get("expected"),
                    c.get("format").asText()));
        }
        return out.stream();
    }

    /** (model output, expected turn JSON text) for each edge case. */
    private static Arguments edge(String id, String output, String expectedJson) {
        return Arguments.of(Named.of(id, output), expectedJson);
    }

    private static String q(String singleQuoted) {
        return singleQuoted.replace('`', '"');
    }

    static Stream<Arguments> edgeCases() {
        return Stream.of(tagAndJsonEdgeCases(), quotingAndPythonEdgeCases(), codeTagAndTruncationEdgeCases()).flatMap(s -> s);
    }

    private static Stream<Arguments> tagAndJsonEdgeCases() {
        return Stream.of(
                edge("leading-space-before-python-tag", " <|python_tag|>brave_search.call(query=\"x\")<|eom_id|>",
                        q("{`tool_calls`:[{`name`:`brave_search`,`arguments`:{`query`:`x`}}],`content`:null,`stop`:`eom`}")),
                edge("leading-newlines-json", "\n\n{\"name\": \"f\", \"parameters\": {\"a\": 1}}<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:1}}],`content`:null,`stop`:`eot`}")),
                edge("builtin-ends-with-eot", "<|python_tag|>brave_search.call(query=\"x\")<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`brave_search`,`arguments`:{`query`:`x`}}],`content`:null,`stop`:`eot`}")),
                edge("text-before-python-tag", "Let me search.<|python_tag|>brave_search.call(query=\"x\")<|eom_id|>",
                        q("{`tool_calls`:[{`name`:`brave_search`,`arguments`:{`query`:`x`}}],`content`:`Let me search.`,`stop`:`eom`}")),
                edge("function-tag-text-before", "Checking. <function=f>{\"a\": 1}</function><|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:1}}],`content`:`Checking.`,`stop`:`eot`}")),
                edge("json-arguments-key", "{\"name\": \"f\", \"arguments\": {\"a\": 1}}<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:1}}],`content`:null,`stop`:`eot`}")),
                edge("json-parameters-as-string", "{\"name\": \"f\", \"parameters\": \"{\\\"a\\\": 1}\"}<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:1}}],`content`:null,`stop`:`eot`}")),
                edge("json-definition-envelope",
                        "{\"type\": \"function\", \"function\": {\"name\": \"f\", \"parameters\": {\"a\": 1}}}<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:1}}],`content`:null,`stop`:`eot`}")),
                edge("json-name-only-is-not-a-call", "{\"name\": \"Paris\", \"country\": \"France\"}<|eot_id|>",
                        q("{`tool_calls`:[],`content`:`{\\`name\\`: \\`Paris\\`, \\`country\\`: \\`France\\`}`,`stop`:`eot`}")),
                edge("json-compact-no-spaces", "{\"name\":\"f\",\"parameters\":{\"a\":1}}<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:1}}],`content`:null,`stop`:`eot`}")),
                edge("json-keys-reversed", "{\"parameters\": {\"a\": 1}, \"name\": \"f\"}<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:1}}],`content`:null,`stop`:`eot`}")),
                edge("json-two-objects-semicolon",
                        "{\"name\": \"f\", \"parameters\": {\"a\": 1}}; {\"name\": \"g\", \"parameters\": {}}<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:1}},{`name`:`g`,`arguments`:{}}],`content`:null,`stop`:`eot`}")),
                edge("json-in-code-fence", "```json\n{\"name\": \"f\", \"parameters\": {\"a\": 1}}\n```<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:1}}],`content`:null,`stop`:`eot`}")),
                edge("prose-then-json-not-a-call", "Call: {\"name\": \"f\", \"parameters\": {}}<|eot_id|>",
                        q("{`tool_calls`:[],`content`:`Call: {\\`name\\`: \\`f\\`, \\`parameters\\`: {}}`,`stop`:`eot`}")));
    }

    private static Stream<Arguments> quotingAndPythonEdgeCases() {
        return Stream.of(
                edge("builtin-single-quoted", "<|python_tag|>brave_search.call(query='it\\'s')<|eom_id|>",
                        q("{`tool_calls`:[{`name`:`brave_search`,`arguments`:{`query`:`it's`}}],`content`:null,`stop`:`eom`}")),
                edge("builtin-escaped-quotes", "<|python_tag|>brave_search.call(query=\"say \\\"hi\\\"\")<|eom_id|>",
                        q("{`tool_calls`:[{`name`:`brave_search`,`arguments`:{`query`:`say \\`hi\\``}}],`content`:null,`stop`:`eom`}")),
                edge("builtin-spaced", "<|python_tag|>brave_search . call( query = \"x\" )<|eom_id|>",
                        q("{`tool_calls`:[{`name`:`brave_search`,`arguments`:{`query`:`x`}}],`content`:null,`stop`:`eom`}")),
                edge("function-tag-single-quotes", "<function=f>{'a': 'b'}</function><|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:`b`}}],`content`:null,`stop`:`eot`}")),
                edge("function-tag-nested-multiline", "<function=f>{\n  \"a\": {\"b\": [1, {\"c\": \"}\"}]}\n}</function><|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:{`b`:[1,{`c`:`}`}]}}}],`content`:null,`stop`:`eot`}")),
                edge("function-tag-parallel", "<function=f>{\"a\": 1}</function><function=g>{}</function><|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:1}},{`name`:`g`,`arguments`:{}}],`content`:null,`stop`:`eot`}")),
                edge("builtin-via-function-tag", "<function=brave_search>{\"query\": \"x\"}</function><|eot_id|>",
                        q("{`tool_calls`:[{`name`:`brave_search`,`arguments`:{`query`:`x`}}],`content`:null,`stop`:`eot`}")),
                edge("builtin-via-json", "{\"name\": \"brave_search\", \"parameters\": {\"query\": \"x\"}}<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`brave_search`,`arguments`:{`query`:`x`}}],`content`:null,`stop`:`eot`}")),
                edge("py-escaped-quotes", "[f(text=\"a \\\"b\\\" c\", n='it\\'s')]<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`text`:`a \\`b\\` c`,`n`:`it's`}}],`content`:null,`stop`:`eot`}")),
                edge("py-paren-in-string", "[f(text=\"a) b] c\")]<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`text`:`a) b] c`}}],`content`:null,`stop`:`eot`}")),
                edge("py-json-literals", "[f(a=true, b=null, c=False, d=-1.5e3)]<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:true,`b`:null,`c`:false,`d`:-1500.0}}],`content`:null,`stop`:`eot`}")),
                edge("py-complex-nested", "[f(a={'x': [1, {'y': {'z': None}}]}, add-note=1), add-note(t='n')]<|eot_id|>",
                        q("{`tool_calls`:[],`content`:`[f(a={'x': [1, {'y': {'z': None}}]}, add-note=1), add-note(t='n')]`,`stop`:`eot`}")),
                edge("py-hyphenated-name", "[add-note(t='n', meta={'x': [1, {'y': {'z': None}}]})]<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`add-note`,`arguments`:{`t`:`n`,`meta`:{`x`:[1,{`y`:{`z`:null}}]}}}],`content`:null,`stop`:`eot`}")),
                edge("code-interpreter-fenced", "<|python_tag|>```python\nfor i in range(2):\n    print(i)\n```<|eom_id|>",
                        q("{`tool_calls`:[{`name`:`code_interpreter`,`arguments`:{`code`:`for i in range(2):\\n    print(i)`}}],`content`:null,`stop`:`eom`}")));
    }

    private static Stream<Arguments> codeTagAndTruncationEdgeCases() {
        return Stream.of(
                edge("markdown-answer-with-code", "Use this:\n```python\nprint(1)\n```<|eot_id|>",
                        "{\"tool_calls\":[],\"content\":\"Use this:\\n```python\\nprint(1)\\n```\",\"stop\":\"eot\"}"),
                edge("code-containing-call-pattern", "<|python_tag|>r = brave_search.call(query=\"x\")\nprint(r)<|eom_id|>",
                        q("{`tool_calls`:[{`name`:`code_interpreter`,`arguments`:{`code`:`r = brave_search.call(query=\\`x\\`)\\nprint(r)`}}],`content`:null,`stop`:`eom`}")),
                edge("prose-mentions-builtin-syntax", "Use brave_search.call(query=\"x\") to search.<|eot_id|>",
                        q("{`tool_calls`:[],`content`:`Use brave_search.call(query=\\`x\\`) to search.`,`stop`:`eot`}")),
                edge("tagged-python-list-eom", "<|python_tag|>[get_weather(city=\"SF\")]<|eom_id|>",
                        q("{`tool_calls`:[{`name`:`get_weather`,`arguments`:{`city`:`SF`}}],`content`:null,`stop`:`eom`}")),
                edge("tagged-two-json-objects", "<|python_tag|>{\"name\": \"a\", \"parameters\": {}}\n{\"name\": \"b\", \"arguments\": {}}<|eom_id|>",
                        q("{`tool_calls`:[{`name`:`a`,`arguments`:{}},{`name`:`b`,`arguments`:{}}],`content`:null,`stop`:`eom`}")),
                edge("tagged-json-with-trailing-text-is-code", "<|python_tag|>{\"name\": \"f\", \"parameters\": {}} done<|eom_id|>",
                        q("{`tool_calls`:[{`name`:`code_interpreter`,`arguments`:{`code`:`{\\`name\\`: \\`f\\`, \\`parameters\\`: {}} done`}}],`content`:null,`stop`:`eom`}")),
                edge("fenced-python-list", "```\n[f(x=1)]\n```<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`x`:1}}],`content`:null,`stop`:`eot`}")),
                edge("function-tag-good-then-bad", "<function=f>{\"a\": 1}</function> and <function=g>bad</function><|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{`a`:1}}],`content`:`and <function=g>bad</function>`,`stop`:`eot`}")),
                edge("truncated-json", "{\"name\": \"f\", \"parameters\": {\"a\": ",
                        q("{`tool_calls`:[],`content`:`{\\`name\\`: \\`f\\`, \\`parameters\\`: {\\`a\\`:`,`stop`:`length`}")),
                edge("truncated-builtin", "<|python_tag|>brave_search.call(query=\"x\")",
                        q("{`tool_calls`:[],`content`:`brave_search.call(query=\\`x\\`)`,`stop`:`length`}")),
                edge("truncated-code", "<|python_tag|>print(1)",
                        q("{`tool_calls`:[],`content`:`print(1)`,`stop`:`length`}")),
                edge("end-of-text-stop", "Done.<|end_of_text|>",
                        q("{`tool_calls`:[],`content`:`Done.`,`stop`:`eot`}")),
                edge("eom-without-call", "Thinking.<|eom_id|>",
                        q("{`tool_calls`:[],`content`:`Thinking.`,`stop`:`eom`}")),
                edge("empty-tagged-body", "<|python_tag|>  <|eom_id|>",
                        q("{`tool_calls`:[],`content`:null,`stop`:`eom`}")),
                edge("wolfram-unicode", "<|python_tag|>wolfram_alpha.call(query=\"∫ x² dx, café 日本\")<|eom_id|>",
                        q("{`tool_calls`:[{`name`:`wolfram_alpha`,`arguments`:{`query`:`∫ x² dx, café 日本`}}],`content`:null,`stop`:`eom`}")),
                edge("code-keeps-indentation", "<|python_tag|>\n\nif True:\n    print(1)\n   \n<|eom_id|>",
                        q("{`tool_calls`:[{`name`:`code_interpreter`,`arguments`:{`code`:`if True:\\n    print(1)`}}],`content`:null,`stop`:`eom`}")),
                edge("tagged-json-pretty-with-type", "<|python_tag|>{\n  \"type\": \"function\",\n  \"name\": \"f\"\n}<|eom_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{}}],`content`:null,`stop`:`eom`}")),
                edge("json-type-not-function", "{\"type\": \"object\", \"name\": \"f\", \"parameters\": {}}<|eot_id|>",
                        q("{`tool_calls`:[],`content`:`{\\`type\\`: \\`object\\`, \\`name\\`: \\`f\\`, \\`parameters\\`: {}}`,`stop`:`eot`}")),
                edge("json-call-then-text", "{\"name\": \"f\", \"parameters\": {}} I called f.<|eot_id|>",
                        q("{`tool_calls`:[{`name`:`f`,`arguments`:{}}],`content`:`I called f.`,`stop`:`eot`}")),
                edge("user-typed-special-name-removed", "A <|eot_id|> B<|eot_id|>",
                        q("{`tool_calls`:[],`content`:`A  B`,`stop`:`eot`}")));
    }


    /** Every model output of both tables. */
    static List<String> allOutputs() throws IOException {
        List<String> outputs = new ArrayList<>();
        Stream.concat(sharedCases(), edgeCases()).forEach(a -> outputs.add(((Named<?>) a.get()[0]).getPayload().toString()));
        return outputs;
    }
}
