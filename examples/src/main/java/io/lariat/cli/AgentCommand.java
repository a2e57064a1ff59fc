package io.lariat.cli;

import io.lariat.agent.Agent;
import io.lariat.agent.AgentRuntime;
import io.lariat.agent.Session;
import io.lariat.agent.backend.EmbeddedBackend;
import io.lariat.agent.backend.EmbeddedSettings;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.config.LariatConfigs;
import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.Precision;
import io.lariat.examples.ExampleAgent;
import io.lariat.examples.LocalTools;
import io.smallrye.config.ConfigValidationException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat agent NAME [TASK] [--model MODEL] [--verbose]}: runs an example agent on one task, showing each tool
 * call and result as it happens and then the answer. Exits 0 only when the agent reached an answer.
 *
 * <p>The model is {@code --model}, else {@code LARIAT_MODEL}, else the demo model bundled with the examples.
 */
@Command(name = "agent", description = "Run an example agent (calculator, researcher, analyst, concierge) on a task.")
final class AgentCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Parameters(index = "0", paramLabel = "NAME", description = "Agent: calculator, researcher, analyst or concierge.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TASK", description = "The task; read from stdin when "
            + "absent.")
    String task;

    @Option(names = {"-m", "--model"}, description = "GGUF file or model name (default: $LARIAT_MODEL, else the "
            + "bundled demo model).")
    String model;

    @Option(names = "--verbose", description = "Print token counts and timings at the end.")
    boolean verbose;

    @Option(names = "--ctx", converter = OptionLimits.ContextSize.class, defaultValue = "8192",
            description = "Context window in tokens (default "
            + "${DEFAULT-VALUE}).")
    int contextSize;

    @Option(names = "--precision", description = EnginePrecision.DESCRIPTION)
    String precision;

    @Option(names = "--no-mmap", description = EngineMmap.DESCRIPTION)
    boolean noMmap;

    /** How the backend is made; tests replace it with a replay. */
    Function<Path, ModelBackend> backends = file -> embedded(file, contextSize, EnginePrecision.parse(precision),
            !noMmap, root.console().home(), root.console().env());

    @Override
    public Integer call() {
        ExampleAgent example = ExampleAgent.named(name).orElseThrow(() -> new CliException("unknown agent '" + name
                + "' (known: " + String.join(", ", ExampleAgent.names()) + ")"));
        String text = task != null ? task : Stdin.readAll(root.console().in()).strip();
        if (text.isEmpty()) {
            throw new CliException("no task given: pass it as an argument or on stdin");
        }
        try (ModelBackend backend = backends.apply(modelFile(root, model)); LocalTools tools = new LocalTools();
             Session session = Session.create()) {
            Agent agent = example.create(backend, tools);
            return new AgentTranscript(root.console().out(), root.console().err(), verbose)
                    .follow(agent.run(session, text)) ? 0 : 1;
        }
    }

    /** {@code model}, else {@code LARIAT_MODEL}, else the bundled demo model; a CLI error when there is none. */
    static Path modelFile(LariatCli root, String model) {
        String reference = model != null ? model : root.console().env().get("LARIAT_MODEL");
        if (reference != null && !reference.isBlank()) {
            return root.console().stores().resolve(reference);
        }
        return DemoModel.fallback(root.console().home());
    }

    /**
     * The embedded engine on {@code file}, one session at a time, with at most {@code contextSize} tokens. The agent's
     * fixed prefix (system prompt and tools) is kept as KV blocks where the server keeps them, in the folder and
     * within the size of {@code lariat.kv.prefix-dir} and {@code lariat.kv.prefix-budget} (system properties, then
     * {@code env}, then their defaults; the folder defaults to {@link AgentRuntime#defaultPrefixDir} under
     * {@code home}), so the next run of the same agent evaluates only the user's message.
     *
     * @throws CliException when a {@code lariat.kv.*} value is invalid, naming the key
     */
    static ModelBackend embedded(Path file, int contextSize, Precision precision, boolean mmap, Path home,
                                 Map<String, String> env) {
        EngineOptions.Builder options;
        try {
            options = AgentRuntime.keepPrefixes(EngineOptions.builder().precision(precision).mmap(mmap),
                    LariatConfigs.fromEnvironment(env).kv(), home);
        } catch (IllegalStateException | ConfigValidationException e) {
            throw new CliException(e.getMessage());
        }
        LlamaEngine engine = LlamaEngine.load(file, options.build());
        int context = Math.min(contextSize, engine.config().contextLength());
        String label = file.getFileName().toString().replaceFirst("\\.gguf$", "");
        return new EmbeddedBackend(label, engine, new EmbeddedSettings(context, 1, 1, 1,
                engine.options().batchSize()));
    }
}
