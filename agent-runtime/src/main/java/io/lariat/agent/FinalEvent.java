package io.lariat.agent;

/**
 * The run's final answer; followed only by a {@link StatsEvent}.
 *
 * @param content the answer text shown to the user (for a cap, a message saying which limit stopped the run)
 * @param reason  why the run ended
 */
public record FinalEvent(String sessionId, int turn, String content, FinishReason reason) implements AgentEvent {

    /** Why a run ended without an error. */
    public enum FinishReason {
        /** The model answered (stopped with eot or end_of_text and no call). */
        ANSWER,
        /** The iteration cap was reached while the model still asked for tools. */
        ITERATION_CAP,
        /** The overall token budget of the run was spent. */
        TOKEN_BUDGET,
        /** A model turn hit the per-turn token limit; a partial call is never executed (spec §4.4). */
        LENGTH,
        /**
         * The model called tools the caller runs itself; the calls are the run's {@link ToolCallEvent}s, and their
         * results come back in the next run as tool result messages.
         */
        TOOL_CALLS
    }
}
