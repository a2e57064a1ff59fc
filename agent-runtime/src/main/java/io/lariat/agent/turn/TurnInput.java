package io.lariat.agent.turn;

import io.lariat.agent.backend.CancelSignal;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.prompts.Message;
import io.lariat.prompts.ToolSpec;

import java.util.List;
import java.util.Objects;

/**
 * One model turn to run: the prompt as ids, the same conversation as messages for chat APIs, and its limits.
 *
 * @param sessionId the conversation; the backend keys its prompt cache by it
 * @param promptIds the whole prompt, BOS to the assistant header, plus {@code forcedIds} at its end
 * @param forcedIds the forced start of the assistant turn (the tail of {@code promptIds}; empty for none): read as
 *                  the turn's first tokens, so a forced call opener makes the model complete a call
 * @param messages  the conversation as messages, system message first (never rendered by token backends)
 * @param tools     the tools the prompt declares
 * @param sampling  how to choose tokens
 * @param maxTokens tokens to generate at most, stop token included; at least 1
 * @param options   stop strings and the other per-turn options
 * @param cancel    cancelled when the turn is abandoned
 */
public record TurnInput(String sessionId, int[] promptIds, int[] forcedIds, List<Message> messages,
                        List<ToolSpec> tools, SamplingOptions sampling, int maxTokens, TurnOptions options,
                        CancelSignal cancel) {

    /** Checks the components and copies the lists. */
    public TurnInput {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(promptIds, "promptIds");
        Objects.requireNonNull(forcedIds, "forcedIds");
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(cancel, "cancel");
        if (forcedIds.length > promptIds.length) {
            throw new IllegalArgumentException("forced start longer than the prompt");
        }
    }
}
