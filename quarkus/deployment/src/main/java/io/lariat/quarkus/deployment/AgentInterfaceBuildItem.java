package io.lariat.quarkus.deployment;

import io.quarkus.builder.item.MultiBuildItem;
import java.util.List;

/**
 * One checked {@code @LariatAgent} interface.
 *
 * <p>Immutable. Class names are binary names ({@code com.acme.Outer$Inner}), as {@code Class.forName} takes them.
 */
public final class AgentInterfaceBuildItem extends MultiBuildItem {

    private final String interfaceName;
    private final String where;
    private final String name;
    private final String systemPrompt;
    private final List<String> toolClasses;
    private final List<String> builtins;

    AgentInterfaceBuildItem(String interfaceName, String where, String name, String systemPrompt,
                            List<String> toolClasses, List<String> builtins) {
        this.interfaceName = interfaceName;
        this.where = where;
        this.name = name;
        this.systemPrompt = systemPrompt;
        this.toolClasses = List.copyOf(toolClasses);
        this.builtins = List.copyOf(builtins);
    }

    /** The interface's binary name. */
    public String interfaceName() {
        return interfaceName;
    }

    /** The interface's simple name, as error messages name it. */
    public String where() {
        return where;
    }

    /** The agent's name. */
    public String name() {
        return name;
    }

    /** The system prompt; empty for the builder's default. */
    public String systemPrompt() {
        return systemPrompt;
    }

    /** Binary names of the tool bean classes. */
    public List<String> toolClasses() {
        return toolClasses;
    }

    /** Built-in tool names. */
    public List<String> builtins() {
        return builtins;
    }
}
