package io.lariat.agent.backend;

import io.lariat.engine.TokenLogprobs;

/** Receives each sampled token as it is generated, stop token included. */
@FunctionalInterface
public interface TokenListener {

    /**
     * Called once per sampled token, in order, on the backend's thread; must not block.
     *
     * @return false to end the generation now: it completes with the tokens so far, as at the token limit
     */
    boolean onToken(int tokenId);

    /**
     * The log-probabilities of the token {@link #onToken} receives next, called just before it when the turn asks
     * for them ({@link TurnRequest#logprobs()}) and the backend reports them ({@link ModelBackend#reportsLogprobs()});
     * ignored by default. Must not block.
     */
    default void onLogprobs(TokenLogprobs logprobs) {
    }
}
