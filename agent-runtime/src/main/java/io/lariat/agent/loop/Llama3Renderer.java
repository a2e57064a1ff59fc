package io.lariat.agent.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.AssistantMessage;
import io.lariat.prompts.Message;
import io.lariat.prompts.SystemMessage;
import io.lariat.prompts.ToolResultMessage;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.UserMessage;
import io.lariat.tools.BuiltinTools;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The native Llama 3.1 rendering, encoded per segment (spec §2.1): layout R system prompt (§3.2) with custom tools
 * in HF's system-message wording (§6.1); assistant turns replay their sampled ids (§11). Immutable.
 */
final class Llama3Renderer implements PromptRenderer {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd MMMM yyyy", Locale.ENGLISH);
    private static final String TOOLS_PREAMBLE = "You have access to the following functions. To call a function, "
            + "please respond with JSON for a function call.Respond in the format {\"name\": function name, "
            + "\"parameters\": dictionary of argument name and its value}.Do not use variables.\n\n";
    private static final ObjectWriter PYTHON_JSON = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n")));

    private final Tokenizer tokenizer;
    private final Clock clock;

    Llama3Renderer(Tokenizer tokenizer, Clock clock) {
        this.tokenizer = tokenizer;
        this.clock = clock;
    }

    @Override
    public int[] prefix(String systemPrompt, Set<String> builtins, List<ToolSpec> customTools) {
        StringBuilder text = new StringBuilder();
        if (!builtins.isEmpty() || !customTools.isEmpty()) {
            text.append("Environment: ipython\n");
            List<String> named = builtins.stream().filter(n -> !n.equals(BuiltinTools.CODE_INTERPRETER)).toList();
            text.append(named.isEmpty() ? "\n" : "Tools: " + String.join(", ", named) + "\n");
        }
        text.append("Cutting Knowledge Date: December 2023\nToday Date: ")
                .append(LocalDate.now(clock).format(DATE));
        if (!customTools.isEmpty()) {
            text.append("\n\n").append(TOOLS_PREAMBLE);
            customTools.forEach(t -> text.append(pythonJson(t)).append("\n\n"));
        } else if (!systemPrompt.isEmpty()) {
            text.append("\n\n");
        }
        text.append(systemPrompt).append('\n');
        return concat(new int[] {SpecialTokens.BEGIN_OF_TEXT}, header("system"), tokenizer.encode(text.toString()),
                new int[] {SpecialTokens.EOT});
    }

    @Override
    public int[] message(Message message) {
        return switch (message) {
            case SystemMessage s -> whole("system", s.content().strip());
            case UserMessage u -> whole("user", u.content().strip());
            case ToolResultMessage t -> whole("ipython", t.content());
            case AssistantMessage a -> concat(header("assistant"), assistantBody(a),
                    new int[] {a.end() == AssistantMessage.End.EOM ? SpecialTokens.EOM : SpecialTokens.EOT});
        };
    }

    @Override
    public int[] generationPrompt() {
        return header("assistant");
    }

    private int[] assistantBody(AssistantMessage a) {
        if (a.sampledIds() != null) {
            return a.sampledIds();
        }
        return tokenizer.encode(a.content() == null ? "" : a.content().strip());
    }

    private int[] whole(String role, String content) {
        return concat(header(role), tokenizer.encode(content), new int[] {SpecialTokens.EOT});
    }

    private int[] header(String role) {
        return concat(new int[] {SpecialTokens.START_HEADER}, tokenizer.encode(role),
                new int[] {SpecialTokens.END_HEADER}, tokenizer.encode("\n\n"));
    }

    private static String pythonJson(ToolSpec tool) {
        try {
            return PYTHON_JSON.writeValueAsString(tool.toOpenAiJson());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(IntStream::of).toArray();
    }
}
