package io.lariat.agent.backend;

import io.lariat.engine.GenerationRequest;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.prompts.Message;
import io.lariat.prompts.ToolSpec;

import java.util.List;
import java.util.Objects;

/**
 * One model turn to generate: the full prompt as ids, plus the same conversation as messages for backends that
 * cannot take ids (a remote chat API).
 *
 * @param sessionId  the conversation the turn belongs to; backends key their prompt cache by it
 * @param promptIds  the whole prompt, BOS to the assistant header; the backend reuses what it has cached
 * @param messages   the conversation as messages, system message first (never rendered by token backends)
 * @param tools      the custom tools offered, for chat APIs
 * @param sampling   how to choose tokens
 * @param maxTokens  tokens to generate at most, stop token included; at least 1
 * @param cancel     cancelled when the run is abandoned; backends stop and free their slot at once
 * @param fixedPrefix how many leading prompt ids every turn of this agent starts with (its system prompt and tools),
 *                    which a backend may keep across runs; 0 when none
 * @param constraint the restriction on the ids the embedded engine may sample (structured output, constrained tool
 *                   calls), or null for none; backends that cannot constrain refuse a turn that carries one
 * @param logprobs   {@link GenerationRequest#NO_LOGPROBS}, or how many alternatives to report with each token's
 *                   log-probability ({@link TokenListener#onLogprobs}); only backends that
 *                   {@link ModelBackend#reportsLogprobs() report them} take a turn asking for them
 */
public record TurnRequest(String sessionId, int[] promptIds, List<Message> messages, List<ToolSpec> tools,
                          SamplingOptions sampling, int maxTokens, CancelSignal cancel, int fixedPrefix,
                          TokenConstraint constraint, int logprobs) {

    /** A turn without log-probabilities. */
    public TurnRequest(String sessionId, int[] promptIds, List<Message> messages, List<ToolSpec> tools,
                       SamplingOptions sampling, int maxTokens, CancelSignal cancel, int fixedPrefix,
                       TokenConstraint constraint) {
        this(sessionId, promptIds, messages, tools, sampling, maxTokens, cancel, fixedPrefix, constraint,
                GenerationRequest.NO_LOGPROBS);
    }

    /** A turn without a fixed prefix or a constraint. */
    public TurnRequest(String sessionId, int[] promptIds, List<Message> messages, List<ToolSpec> tools,
                       SamplingOptions sampling, int maxTokens, CancelSignal cancel) {
        this(sessionId, promptIds, messages, tools, sampling, maxTokens, cancel, 0, null);
    }

    /** Checks the components and copies the lists. */
    public TurnRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(promptIds, "promptIds");
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(cancel, "cancel");
        if (fixedPrefix < 0 || fixedPrefix > promptIds.length) {
            throw new IllegalArgumentException("fixedPrefix must be within the prompt's " + promptIds.length
                    + " ids: " + fixedPrefix);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1: " + maxTokens);
        }
    }
}
