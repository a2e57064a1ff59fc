package io.lariat.agent.chat;

import io.lariat.agent.InvalidRequestException;
import io.lariat.engine.GenerationRequest;
import io.lariat.engine.TokenLogprobs;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.prompts.Message;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.UserMessage;

import java.util.List;
import java.util.Objects;

/**
 * A stateless chat request after each dialect's wire format was read and checked.
 *
 * @param model      the model name as the client wrote it
 * @param messages   the conversation, at least one message
 * @param tools      tool definitions; those named like a built-in are rendered as Llama's built-ins
 * @param toolChoice how tools must be used
 * @param sampling   how to choose tokens
 * @param maxTokens    tokens to generate at most, at least 1; {@link #UNLIMITED} generates until the context is
 *                     full
 * @param stop         strings that end generation when they appear in the output (not included in it)
 * @param contextLimit a context window smaller than the model's, in tokens; 0 for the model's
 * @param raw          true when the one user message is the whole prompt, tokenized as given with special-token
 *                     names read as special tokens and no chat template (Ollama's {@code "raw": true}); tools must
 *                     then be empty
 * @param declaredToolsOnly true when a call to a tool that {@link #tools()} does not declare comes back as text (the
 *                     chat endpoints); false when every call the model makes is returned (Ollama's
 *                     {@code /api/generate}, which declares no tools)
 * @param format       the format the answer must follow (Ollama {@code format}, OpenAI {@code response_format}), or
 *                     null for free text
 * @param logprobs     {@link GenerationRequest#NO_LOGPROBS}, or how many most likely alternatives (0 to
 *                     {@link TokenLogprobs#MAX_TOP}) to report with each answer token's log-probability
 */
public record ChatRequest(String model, List<Message> messages, List<ToolSpec> tools, ToolChoice toolChoice,
                          SamplingOptions sampling, int maxTokens, List<String> stop, int contextLimit,
                          boolean raw, boolean declaredToolsOnly, AnswerFormat format, int logprobs) {
    /** {@link #maxTokens()} value for "until the context is full". */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** A free-text request that returns only calls to declared tools. */
    public ChatRequest(String model, List<Message> messages, List<ToolSpec> tools, ToolChoice toolChoice,
                       SamplingOptions sampling, int maxTokens, List<String> stop, int contextLimit, boolean raw) {
        this(model, messages, tools, toolChoice, sampling, maxTokens, stop, contextLimit, raw, true, null,
                GenerationRequest.NO_LOGPROBS);
    }

    /** This request, returning every call the model makes. */
    public ChatRequest returningEveryCall() {
        return new ChatRequest(model, messages, tools, toolChoice, sampling, maxTokens, stop, contextLimit, raw,
                false, format, logprobs);
    }

    /** This request with {@code value} as the format of its answer (null for free text). */
    public ChatRequest withFormat(AnswerFormat value) {
        return new ChatRequest(model, messages, tools, toolChoice, sampling, maxTokens, stop, contextLimit, raw,
                declaredToolsOnly, value, logprobs);
    }

    /** This request reporting log-probabilities with {@code alternatives} alternatives ({@link #logprobs()}). */
    public ChatRequest withLogprobs(int alternatives) {
        return new ChatRequest(model, messages, tools, toolChoice, sampling, maxTokens, stop, contextLimit, raw,
                declaredToolsOnly, format, alternatives);
    }


    /** Checks the components and copies the lists. */
    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        Objects.requireNonNull(toolChoice, "toolChoice");
        Objects.requireNonNull(sampling, "sampling");
        stop = List.copyOf(stop);
        if (maxTokens < 1) {
            throw InvalidRequestException.badValue("$.max_tokens", "must be at least 1, got " + maxTokens);
        }
        if (raw && (messages.size() != 1 || !(messages.getFirst() instanceof UserMessage) || !tools.isEmpty())) {
            throw new IllegalArgumentException("a raw request is one user message without tools");
        }
        if (toolChoice instanceof ToolChoice.Function f && ToolSpec.nameProblem(f.name()) != null) {
            throw InvalidRequestException.badValue("$.tool_choice.function.name", ToolSpec.nameProblem(f.name()));
        }
        if (tools.stream().map(ToolSpec::name).distinct().count() < tools.size()) {
            throw InvalidRequestException.badValue("$.tools", "tool names must be unique");
        }
        if (logprobs < GenerationRequest.NO_LOGPROBS || logprobs > TokenLogprobs.MAX_TOP) {
            throw InvalidRequestException.badValue("$.top_logprobs", "must be within 0.." + TokenLogprobs.MAX_TOP
                    + ", got " + logprobs);
        }
        if (contextLimit < 0) {
            throw InvalidRequestException.badValue("$.options.num_ctx", "must be positive, got " + contextLimit);
        }
    }
}
