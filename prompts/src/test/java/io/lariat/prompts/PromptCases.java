package io.lariat.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shared rendering test vectors of {@code spec/cases/prompts.json}. */
final class PromptCases {

    private PromptCases() {
    }

    static List<JsonNode> all() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(SharedData.file("spec/cases/prompts.json").toFile());
        List<JsonNode> out = new ArrayList<>();
        cases.forEach(out::add);
        return out;
    }

    /** Every case, named by its id. */
    static Stream<Arguments> every() throws IOException {
        return all().stream().map(c -> Arguments.of(Named.of(c.get("id").asText(), c)));
    }

    /** The cases rendered from the official Llama 3.1 HF template. */
    static Stream<Arguments> jinja31() throws IOException {
        return all().stream().filter(c -> c.get("id").asText().startsWith("jinja31"))
                .map(c -> Arguments.of(Named.of(c.get("id").asText(), c)));
    }

    /** The ChatFormat that renders a case: layout H for {@code jinja*}, plain for {@code ref*}. */
    static ChatFormat formatFor(JsonNode c, boolean withTokenizer) {
        ChatFormat.Builder builder = ChatFormat.builder();
        if (withTokenizer) {
            builder.tokenizer(TestTokenizer.get());
        }
        if (c.get("id").asText().startsWith("ref")) {
            return builder.layout(PromptLayout.PLAIN).toolStyle(switch (c.path("inputs").path("tool_prompt_format")
                    .asText("json")) {
                case "function_tag" -> CustomToolStyle.FUNCTION_TAG;
                case "python_list" -> CustomToolStyle.PYTHON_LIST;
                default -> CustomToolStyle.JSON;
            }).build();
        }
        JsonNode vars = c.path("inputs").path("template_vars");
        List<String> builtins = new ArrayList<>();
        vars.path("builtin_tools").forEach(b -> builtins.add(b.asText()));
        builder.layout(PromptLayout.HUGGING_FACE).builtinTools(builtins)
                .tools(OpenAiMessages.tools(c.path("inputs").get("tools")))
                .toolPlacement(vars.path("tools_in_user_message").asBoolean(true)
                        ? ToolPlacement.FIRST_USER_MESSAGE : ToolPlacement.SYSTEM_MESSAGE);
        if (vars.has("date_string")) {
            builder.dateString(vars.get("date_string").asText());
        }
        return builder.build();
    }
}
