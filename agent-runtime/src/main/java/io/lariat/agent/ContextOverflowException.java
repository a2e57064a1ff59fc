package io.lariat.agent;

/**
 * A message cannot fit the context window even after every droppable turn was removed.
 *
 * @see io.lariat.agent.context.ContextPolicy
 */
public final class ContextOverflowException extends RuntimeException {
    private final int requiredTokens;
    private final int windowTokens;

    /**
     * @param requiredTokens tokens the conversation needs (what cannot be dropped plus room for the answer)
     * @param windowTokens   the context window in tokens
     */
    public ContextOverflowException(int requiredTokens, int windowTokens) {
        super("context overflow: %d tokens needed, window holds %d".formatted(requiredTokens, windowTokens));
        this.requiredTokens = requiredTokens;
        this.windowTokens = windowTokens;
    }

    /** Tokens the conversation needs at least. */
    public int requiredTokens() {
        return requiredTokens;
    }

    /** The context window in tokens. */
    public int windowTokens() {
        return windowTokens;
    }
}
