package io.lariat.examples.demo;

import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.parse.CodeInterpreterCall;
import io.lariat.prompts.parse.ToolCall;
import io.lariat.examples.researcher.BriefSearch;
import io.lariat.tools.ToolContext;
import io.lariat.tools.ToolDefinition;
import io.lariat.tools.ToolRegistry;
import io.lariat.tools.ToolResult;
import io.lariat.tools.builtin.calculator.CalculatorTool;
import io.lariat.tools.builtin.python.CodeInterpreter;
import io.lariat.tools.builtin.python.PythonSession;
import io.lariat.tools.builtin.search.SearchIndex;
import java.time.Duration;
import java.util.List;

/**
 * Runs the demo agents' tools for real, so training data holds exactly the text a tool returns: registered tools
 * through a {@link ToolRegistry} (as the agent runtime calls them), code through a GraalPy {@link PythonSession}
 * rendered with {@code toToolContent()} (spec §5.3 shape). Not thread-safe (one Python session); close it.
 */
public final class ToolRunner implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final ToolRegistry registry;
    private final SearchIndex index;
    private final ToolContext context = ToolContext.standalone();
    private CodeInterpreter python;
    private PythonSession session;

    /** A runner over the given registry; Python starts on the first code call. */
    public ToolRunner(ToolRegistry registry) {
        this(registry, null);
    }

    private ToolRunner(ToolRegistry registry, SearchIndex index) {
        this.registry = registry;
        this.index = index;
    }

    /**
     * A runner for the demo agents: the offline calculator as {@code wolfram_alpha}, {@link BriefSearch} over the
     * bundled sample corpus as {@code brave_search} (what the researcher agent uses) and {@link ConciergeTools}.
     */
    public static ToolRunner demo() {
        SearchIndex index = SearchIndex.inMemory();
        index.indexSamples();
        return new ToolRunner(ToolRegistry.builder().builtin(new CalculatorTool()).builtin(new BriefSearch(index))
                .tools(new ConciergeTools()).build(), index);
    }

    /** The text the model reads for {@code call}: the tool's output, or its error text. */
    public String run(ToolCall call) {
        if (call instanceof CodeInterpreterCall code) {
            return runPython(code.code());
        }
        ToolResult result = registry.invoke(call.name(), call.arguments(), context).await().atMost(LIMIT);
        return result.modelText();
    }

    /**
     * Runs a program in the runner's one Python session: opening a session per conversation costs a GraalPy
     * context each time, and the demo programs assign every variable they read, so earlier state cannot leak in.
     */
    private String runPython(String code) {
        if (python == null) {
            python = CodeInterpreter.create(io.lariat.tools.builtin.python.PythonLimits.defaults(), 1);
            session = python.open();
        }
        return session.run(code).toToolContent();
    }

    /** Stops Python (its compiler threads would compete with training); the next code call starts it again. */
    public void stopPython() {
        if (python != null) {
            session.close();
            python.close();
            python = null;
            session = null;
        }
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
        stopPython();
        if (index != null) {
            index.close();
        }
    }
}
