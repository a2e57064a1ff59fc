package io.lariat.agent.loop;

import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.Message;
import io.lariat.prompts.ToolSpec;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Renders an agent's conversation to token ids, piece by piece, so each piece can be appended to what the model
 * already evaluated.
 *
 * <p>The concatenation {@code prefix + message... + generationPrompt} must be the same prompt a one-pass rendering
 * gives. Implementations are immutable and thread-safe.
 */
public interface PromptRenderer {

    /**
     * BOS and the system message, with the enabled built-ins and the custom tool definitions.
     *
     * @param systemPrompt the system text
     * @param builtins     enabled built-in tool names, in order
     * @param customTools  custom tools, declared in the system message so trimming never drops them
     */
    int[] prefix(String systemPrompt, Set<String> builtins, List<ToolSpec> customTools);

    /** One whole message: header, content and terminator. */
    int[] message(Message message);

    /** The assistant header that precedes generation. */
    int[] generationPrompt();

    /** The native Llama 3.1 format (spec layout R; custom tools as JSON in the system message), dated today. */
    static PromptRenderer llama3(Tokenizer tokenizer) {
        return new Llama3Renderer(tokenizer, Clock.systemDefaultZone());
    }
}
