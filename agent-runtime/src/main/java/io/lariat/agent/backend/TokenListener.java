package io.lariat.agent.backend;

/** Receives each sampled token as it is generated, stop token included. */
@FunctionalInterface
public interface TokenListener {

    /**
     * Called once per sampled token, in order, on the backend's thread; must not block.
     *
     * @return false to end the generation now: it completes with the tokens so far, as at the token limit
     */
    boolean onToken(int tokenId);
}
