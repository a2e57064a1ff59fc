package io.lariat.agent.chat;

import io.lariat.prompts.parse.ToolCall;

import java.util.List;

/**
 * One event of a stateless chat generation, the single stream that the OpenAI and Ollama dialects both render.
 *
 * <p>A generation emits zero or more {@link ContentDelta}s and then exactly one {@link ChatCompleted}; a failure
 * after the first event ends the stream with an error instead.
 */
public sealed interface ChatEvent {

    /**
     * Answer text as it is generated; never text of a tool call.
     *
     * @param text     the piece, never empty
     * @param logprobs the log-probabilities of the tokens read since the previous piece, when the request asked for
     *                 them ({@link ChatRequest#logprobs()}); empty otherwise
     */
    record ContentDelta(String text, List<ChatLogprob> logprobs) implements ChatEvent {
        /** A piece without log-probabilities. */
        public ContentDelta(String text) {
            this(text, List.of());
        }

        /** Copies the list. */
        public ContentDelta {
            logprobs = List.copyOf(logprobs);
        }
    }

    /**
     * The end of the generation.
     *
     * @param content the whole answer text (what the deltas streamed), or null when there was none
     * @param calls   the tool calls the model made, in order; empty for an answer
     * @param finish  why generation ended
     * @param usage   counts and timings
     * @param logprobs the log-probabilities of the answer's tokens (what the deltas carried), when the request asked
     *                 for them; empty otherwise
     */
    record ChatCompleted(String content, List<ToolCall> calls, FinishReason finish, ChatUsage usage,
                         List<ChatLogprob> logprobs) implements ChatEvent {
        /** The end of a generation without log-probabilities. */
        public ChatCompleted(String content, List<ToolCall> calls, FinishReason finish, ChatUsage usage) {
            this(content, calls, finish, usage, List.of());
        }

        /** Copies the lists. */
        public ChatCompleted {
            calls = List.copyOf(calls);
            logprobs = List.copyOf(logprobs);
        }
    }

    /** Why a chat generation ended. */
    enum FinishReason {
        /** A stop token or a stop string. */
        STOP,
        /** The token limit. */
        LENGTH,
        /** The model called tools. */
        TOOL_CALLS
    }
}
