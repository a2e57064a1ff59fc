package io.lariat.agent.http;

/** A named thing the request refers to (an agent, a session) does not exist; answered with 404. */
public final class ResourceNotFoundException extends RuntimeException {
    private final String kind;
    private final String name;

    /**
     * @param kind what was looked for: {@code agent}, {@code session}
     * @param name the name or id the request gave
     */
    public ResourceNotFoundException(String kind, String name) {
        super("%s '%s' not found".formatted(kind, name));
        this.kind = kind;
        this.name = name;
    }

    /** What was looked for. */
    public String kind() {
        return kind;
    }

    /** The name or id the request gave. */
    public String name() {
        return name;
    }
}
