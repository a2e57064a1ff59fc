package io.lariat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.examples.LocalTools;
import io.lariat.tools.ToolContext;
import io.lariat.tools.ToolRegistry;
import io.lariat.tools.ToolResult;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat tool NAME --args '{...}'}: runs one tool (a built-in or an example's) and prints its JSON result; a
 * failed call is one line on stderr and status 1.
 */
@Command(name = "tool", description = "Run one tool with JSON arguments and print its result.")
final class ToolCommand implements Callable<Integer> {
    private static final Duration WAIT = Duration.ofMinutes(2);

    @ParentCommand
    LariatCli root;

    @Parameters(index = "0", paramLabel = "NAME", description = "Tool name (see: lariat tools).")
    String name;

    @Option(names = "--args", defaultValue = "{}", description = "Arguments as a JSON object (default {}).")
    String args;

    @Override
    public Integer call() {
        JsonNode arguments = Json.parse(args, "--args");
        if (!arguments.isObject()) {
            throw new CliException("--args must be a JSON object, got " + arguments.getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT));
        }
        try (LocalTools tools = new LocalTools(); ToolContext context = ToolContext.standalone()) {
            ToolRegistry registry = tools.registry();
            if (registry.definition(name).isEmpty()) {
                throw new CliException("unknown tool '" + name + "' (known: " + String.join(", ",
                        registry.definitions().stream().map(d -> d.name()).toList()) + ")");
            }
            ToolResult result = registry.invoke(name, arguments, context).await().atMost(WAIT);
            if (result.error()) {
                throw new CliException(name + ": " + result.content());
            }
            root.console().out().println(asJson(result.content()));
        }
        return 0;
    }

    /** The result as JSON: JSON content as it is, plain text as a JSON string. */
    static String asJson(String content) {
        try {
            JsonNode node = Json.MAPPER.readTree(content);
            return node == null || node.isMissingNode() ? Json.write(content) : Json.write(node);
        } catch (java.io.IOException e) {
            return Json.write(content);
        }
    }
}
