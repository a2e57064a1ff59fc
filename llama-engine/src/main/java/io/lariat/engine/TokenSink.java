package io.lariat.engine;

/**
 * Receives each sampled token id as soon as it is sampled, a stop id included ({@link Generation}'s stop-token rule).
 */
@FunctionalInterface
public interface TokenSink {
    /** A sink that accepts every token. */
    TokenSink IGNORE = id -> true;

    /** Takes one generated id; returns {@code false} to cancel the generation after it. */
    boolean onToken(int tokenId);

    /**
     * Takes the log-probabilities of the id that {@link #onToken} receives next; called just before it, and only
     * when the request asks for them ({@link GenerationRequest#logprobs()} 0 or more). Ignores them by default.
     */
    default void onLogprobs(TokenLogprobs logprobs) {
    }
}
