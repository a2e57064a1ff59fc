package io.lariat.agent.backend;

import io.lariat.engine.tokenizer.Tokenizer;

/**
 * Where model turns are generated: the full id list in, a token stream out, with statistics.
 *
 * <p>Implementations keep a prompt cache per session id and reuse its longest common prefix with each new prompt,
 * so a growing conversation evaluates only its new tokens. {@link #generate} blocks; call it from a worker or
 * virtual thread, never from an event loop. Thread-safe: concurrent calls for different sessions are expected.
 */
public interface ModelBackend extends AutoCloseable {

    /** The model's name, as shown to users and in errors. */
    String name();

    /** The model's tokenizer; the agent renders prompts and counts tokens with it. */
    Tokenizer tokenizer();

    /** The largest context a session may use, in tokens. */
    int contextSize();

    /**
     * Generates one assistant turn.
     *
     * @param request  the prompt and limits
     * @param listener receives each sampled token, the stop token included; when it returns false the turn ends
     *                 there as if {@code maxTokens} was reached (stop id -1), with its statistics
     * @return the sampled ids, the stop token and statistics
     * @throws io.lariat.agent.OverloadedException when the model's queue is full; thrown by this call before any
     *                 token, so it is the one admission point of a turn (callers commit nothing before it)
     * @throws java.util.concurrent.CancellationException when {@code request.cancel()} fired first
     */
    TurnResult generate(TurnRequest request, TokenListener listener);

    /**
     * Whether tool calls come back as structured data in {@link TurnResult#calls()} (a remote chat API) rather than
     * in the sampled tokens; the tokens are then answer text only, whatever they spell.
     */
    default boolean structuredToolCalls() {
        return false;
    }

    /**
     * Whether the backend applies {@link TurnRequest#constraint()} token by token (the embedded engine); a backend
     * that cannot refuses a turn carrying a constraint with an {@link IllegalArgumentException}.
     */
    default boolean constrainsTokens() {
        return false;
    }

    /**
     * Whether the backend reports each token's log-probabilities ({@link TurnRequest#logprobs()},
     * {@link TokenListener#onLogprobs}); the embedded engine does, a remote API's are not read.
     */
    default boolean reportsLogprobs() {
        return false;
    }

    /** Turns admitted and waiting for a generation slot. */
    default int queuedTurns() {
        return 0;
    }

    /** Frees what the backend holds for the session (its KV cache); a later turn rebuilds it by re-prefill. */
    void release(String sessionId);

    /** Frees every resource; turns in progress end as cancelled. */
    @Override
    void close();
}
