package io.lariat.quarkus;

/**
 * Thrown at build time when a {@link LariatAgent} interface is declared wrongly: it names the interface (or
 * {@code Interface#method}) and the rule it breaks.
 *
 * <p>Example message: {@code ShopAgent#ask: an agent method takes (String sessionId, String userMessage)}.
 */
public final class AgentDeclarationException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param where the interface's simple name, or {@code Interface#method}
     * @param rule  the broken rule, in words
     */
    public AgentDeclarationException(String where, String rule) {
        super(where + ": " + rule);
    }
}
