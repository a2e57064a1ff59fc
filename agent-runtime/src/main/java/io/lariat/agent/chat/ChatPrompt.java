package io.lariat.agent.chat;

import io.lariat.agent.InvalidRequestException;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.AssistantMessage;
import io.lariat.prompts.ChatFormat;
import io.lariat.prompts.Message;
import io.lariat.prompts.ToolResultMessage;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.UserMessage;
import io.lariat.tools.BuiltinTools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A chat request rendered to the ids the model receives: the native Llama 3.1 prompt with the request's tools, and
 * the forced start of the assistant turn that honours {@code tool_choice}.
 *
 * <p>Tools named {@code brave_search}, {@code wolfram_alpha} or {@code code_interpreter} are rendered as Llama's
 * built-ins, the rest as custom JSON tools. {@code tool_choice} {@code none} renders no tools; {@code required} and a
 * named function start the assistant turn with the opening of a call ({@code {"name": "} or
 * {@code <|python_tag|>}), so the model can only complete a call.
 *
 * @param ids       the full prompt: BOS to the assistant header, plus the forced start
 * @param forcedIds  the forced start of the assistant turn (the tail of {@code ids}), possibly empty
 * @param forcedText the same start as text, {@code <|python_tag|>} spelled by name; empty for none
 * @param tools      the tools the prompt declares
 */
record ChatPrompt(int[] ids, int[] forcedIds, String forcedText, List<ToolSpec> tools) {

    /**
     * Renders {@code request} with {@code tokenizer}.
     *
     * @throws InvalidRequestException when the conversation or the tool choice is inconsistent
     * @throws io.lariat.prompts.PromptException when the conversation cannot be rendered
     */
    static ChatPrompt render(ChatRequest request, Tokenizer tokenizer) {
        if (request.raw()) {
            return raw(((UserMessage) request.messages().getFirst()).content(), tokenizer);
        }
        checkConversation(request.messages());
        List<ToolSpec> offered = request.toolChoice() instanceof ToolChoice.None ? List.of() : request.tools();
        List<String> builtins = offered.stream().map(ToolSpec::name).filter(BuiltinTools.NAMES::contains).toList();
        List<ToolSpec> custom = offered.stream().filter(t -> !BuiltinTools.NAMES.contains(t.name())).toList();
        ChatFormat format = ChatFormat.builder().tokenizer(tokenizer).builtinTools(builtins).tools(custom).build();
        String forced = forcedStart(request.toolChoice(), builtins, custom);
        int[] prompt = format.render(request.messages(), true);
        int[] start = forcedIds(forced, tokenizer);
        int[] ids = Arrays.copyOf(prompt, prompt.length + start.length);
        System.arraycopy(start, 0, ids, prompt.length, start.length);
        return new ChatPrompt(ids, start, forced, offered);
    }

    /**
     * The forced start as ids: the {@code <|python_tag|>} it may open with is the special token, everything after it
     * (a tool name among them) ordinary text, never read as special tokens.
     */
    private static int[] forcedIds(String forced, Tokenizer tokenizer) {
        if (!forced.startsWith(SpecialTokens.PYTHON_TAG_NAME)) {
            return tokenizer.encode(forced);
        }
        int[] rest = tokenizer.encode(forced.substring(SpecialTokens.PYTHON_TAG_NAME.length()));
        int[] ids = new int[rest.length + 1];
        ids[0] = SpecialTokens.PYTHON_TAG;
        System.arraycopy(rest, 0, ids, 1, rest.length);
        return ids;
    }

    /**
     * A raw prompt: tokenized as given with special-token names read as specials (the client writes the template
     * itself), preceded by BOS unless it starts with one, as llama.cpp's tokenizer does for Llama 3 in Ollama.
     */
    private static ChatPrompt raw(String prompt, Tokenizer tokenizer) {
        int[] given = tokenizer.encodeWithSpecials(prompt);
        if (given.length > 0 && given[0] == SpecialTokens.BEGIN_OF_TEXT) {
            return new ChatPrompt(given, new int[0], "", List.of());
        }
        int[] ids = new int[given.length + 1];
        ids[0] = SpecialTokens.BEGIN_OF_TEXT;
        System.arraycopy(given, 0, ids, 1, given.length);
        return new ChatPrompt(ids, new int[0], "", List.of());
    }

    /** A tool result must answer a call: it follows an assistant turn with calls, or another result. */
    static void checkConversation(List<Message> messages) {
        if (messages.isEmpty()) {
            throw InvalidRequestException.badValue("$.messages", "must not be empty");
        }
        int pendingCalls = 0;
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (message instanceof ToolResultMessage) {
                if (pendingCalls == 0) {
                    throw InvalidRequestException.badValue("$.messages[" + i + "]",
                            "a tool message must answer a tool call of a preceding assistant message");
                }
                pendingCalls--;
            } else {
                pendingCalls = message instanceof AssistantMessage a ? a.toolCalls().size() : 0;
            }
        }
    }

    private static String forcedStart(ToolChoice choice, List<String> builtins, List<ToolSpec> custom) {
        return switch (choice) {
            case ToolChoice.Auto _, ToolChoice.None _ -> "";
            case ToolChoice.Required r -> {
                if (!custom.isEmpty()) {
                    yield "{\"name\": \"";
                }
                if (builtins.isEmpty()) {
                    throw InvalidRequestException.badValue("$.tool_choice", "\"required\" needs at least one tool");
                }
                yield SpecialTokens.PYTHON_TAG_NAME;
            }
            case ToolChoice.Function f -> forcedCall(f.name(), builtins, custom);
        };
    }

    private static String forcedCall(String name, List<String> builtins, List<ToolSpec> custom) {
        if (custom.stream().anyMatch(t -> t.name().equals(name))) {
            return "{\"name\": \"" + name + "\", \"parameters\": ";
        }
        if (name.equals(BuiltinTools.CODE_INTERPRETER) && builtins.contains(name)) {
            return SpecialTokens.PYTHON_TAG_NAME;
        }
        if (builtins.contains(name)) {
            return SpecialTokens.PYTHON_TAG_NAME + name + ".call(";
        }
        List<String> declared = new ArrayList<>(builtins);
        custom.forEach(t -> declared.add(t.name()));
        throw InvalidRequestException.badValue("$.tool_choice",
                "function '" + name + "' is not among the declared tools " + declared);
    }
}
