package io.lariat.agent;

import java.util.Set;

/** No agent is declared under the requested name. */
public final class AgentNotFoundException extends RuntimeException {
    private final String name;

    /**
     * @param name  the name asked for
     * @param known the names that are declared
     */
    public AgentNotFoundException(String name, Set<String> known) {
        super("no agent named '%s'; declared agents: %s".formatted(name, known.stream().sorted().toList()));
        this.name = name;
    }

    /** The name asked for. */
    public String name() {
        return name;
    }
}
