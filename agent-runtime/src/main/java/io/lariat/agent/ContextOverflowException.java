package io.lariat.agent;

/**
 * A message cannot fit the context window even after every droppable turn was removed.
 *
 * @see io.lariat.agent.context.ContextPolicy
 */
public final class ContextOverflowException extends RuntimeException {
    private final int requiredTokens;
    private final int windowTokens;
    private final int reservedTokens;

    /**
     * @param requiredTokens tokens the conversation needs (what cannot be dropped plus room for the answer)
     * @param windowTokens   the context window in tokens
     */
    public ContextOverflowException(int requiredTokens, int windowTokens) {
        super("context overflow: %d tokens needed, window holds %d".formatted(requiredTokens, windowTokens));
        this.requiredTokens = requiredTokens;
        this.windowTokens = windowTokens;
        this.reservedTokens = 0;
    }

    /**
     * An overflow in an agent's turn, where {@code reservedTokens} of the required tokens are kept free for the
     * answer; the message names that reservation and the settings that change it.
     *
     * @param requiredTokens tokens the conversation needs, the reservation included
     * @param windowTokens   the context window in tokens
     * @param reservedTokens tokens kept free for each answer (max-tokens-per-turn plus the reply header)
     */
    public ContextOverflowException(int requiredTokens, int windowTokens, int reservedTokens) {
        super(("context overflow: %d tokens needed, window holds %d; %d of them are kept free for each answer"
                + " (the agent's max-tokens-per-turn plus the reply header): raise lariat.context-size or lower"
                + " lariat.agents.<name>.max-tokens-per-turn").formatted(requiredTokens, windowTokens,
                reservedTokens));
        this.requiredTokens = requiredTokens;
        this.windowTokens = windowTokens;
        this.reservedTokens = reservedTokens;
    }

    /** Tokens the conversation needs at least. */
    public int requiredTokens() {
        return requiredTokens;
    }

    /** The context window in tokens. */
    public int windowTokens() {
        return windowTokens;
    }

    /** Tokens of {@link #requiredTokens()} kept free for the answer, or 0 when none were reserved. */
    public int reservedTokens() {
        return reservedTokens;
    }
}
