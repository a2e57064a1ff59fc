package io.lariat.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lariat.examples.LocalTools;
import io.lariat.tools.ToolDefinition;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code lariat tools}: every tool the examples offer, with its JSON Schema, as a JSON array. */
@Command(name = "tools", description = "List the available tools with their JSON schemas.")
final class ToolsCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Override
    public Integer call() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        try (LocalTools tools = new LocalTools()) {
            for (ToolDefinition d : tools.registry().definitions()) {
                ObjectNode entry = list.addObject();
                entry.put("name", d.name());
                entry.put("description", d.description());
                entry.put("builtin", d.builtin());
                entry.set("parameters", d.parametersSchema());
            }
        }
        root.console().out().println(list.toPrettyString());
        return 0;
    }
}
