package io.lariat.examples.demo;

import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.parse.ToolCall;
import io.lariat.tools.ToolContext;
import io.lariat.tools.ToolDefinition;
import io.lariat.tools.ToolRegistry;
import io.lariat.tools.ToolResult;
import java.time.Duration;
import java.util.List;

/**
 * Runs the demo agents' tools for real, through the same {@link ToolRegistry} the agent runtime uses, so training
 * data holds exactly the text a tool returns. Thread-safe when the tools are; closes the shared tool context.
 */
public final class ToolRunner implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final ToolRegistry registry;
    private final ToolContext context = ToolContext.standalone();

    /** A runner over the given registry. */
    public ToolRunner(ToolRegistry registry) {
        this.registry = registry;
    }

    /** The text the model reads for {@code call}: the tool's output, or its error text. */
    public String run(ToolCall call) {
        ToolResult result = registry.invoke(call.name(), call.arguments(), context).await().atMost(LIMIT);
        return result.modelText();
    }

    /** Prompt definitions of the registry's non-builtin tools, in registration order. */
    public List<ToolSpec> customToolSpecs() {
        return registry.definitions().stream().filter(d -> !d.builtin()).map(ToolRunner::spec).toList();
    }

    private static ToolSpec spec(ToolDefinition d) {
        return new ToolSpec(d.name(), d.description(), d.parametersSchema());
    }

    @Override
    public void close() {
        context.close();
    }
}
