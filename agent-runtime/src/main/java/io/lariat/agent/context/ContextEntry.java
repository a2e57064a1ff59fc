package io.lariat.agent.context;

/**
 * The size of one conversation entry in tokens, as rendered (headers and end token included).
 *
 * @param role   the entry's role
 * @param tokens its rendered length; not negative
 */
public record ContextEntry(EntryRole role, int tokens) {
    public ContextEntry {
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must not be negative: " + tokens);
        }
    }
}
