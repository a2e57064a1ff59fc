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

    /** Answer text as it is generated; never text of a tool call. */
    record ContentDelta(String text) implements ChatEvent {
    }

    /**
     * The end of the generation.
     *
     * @param content the whole answer text (what the deltas streamed), or null when there was none
     * @param calls   the tool calls the model made, in order; empty for an answer
     * @param finish  why generation ended
     * @param usage   counts and timings
     */
    record ChatCompleted(String content, List<ToolCall> calls, FinishReason finish, ChatUsage usage)
            implements ChatEvent {
        /** Copies the calls. */
        public ChatCompleted {
            calls = List.copyOf(calls);
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
