package io.lariat.cli;

import io.lariat.agent.backend.EmbeddedBackend;
import io.lariat.agent.backend.EmbeddedSettings;
import io.lariat.agent.chat.ModelProfile;
import io.lariat.agent.http.WireValues;
import io.lariat.agent.http.ollama.OllamaOptions;
import io.lariat.agent.store.ModelName;
import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.sampling.SamplingOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lariat run MODEL [PROMPT]}: one streamed answer, or an interactive chat ({@link InteractiveChat}) when
 * PROMPT is absent; {@code --verbose} prints Ollama's statistics block to stderr. When a server answers at
 * {@code LARIAT_HOST} and MODEL is not a file, the chat runs there ({@link RemoteChat}), reusing its loaded model.
 * A stored model's {@code SYSTEM} and {@code PARAMETER}s are the defaults of what the command line leaves unset, here
 * as on the server.
 */
@Command(name = "run", description = "Chat with a model: one answer to PROMPT, or interactive without it.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "GGUF file or model name (llama3.1:8b).")
    String model;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PROMPT", description = "The prompt; omit to chat.")
    String prompt;

    @Option(names = "--verbose", description = "Print timings and token rates after each answer.")
    boolean verbose;

    @Option(names = "--system", description = "System prompt.")
    String system;

    @Option(names = "--temperature", converter = OptionLimits.Temperature.class, defaultValue = "0.6",
            description = "Sampling temperature; 0 is greedy "
            + "(default ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--top-p", converter = OptionLimits.TopP.class, defaultValue = "0.9",
            description = "Nucleus sampling (default ${DEFAULT-VALUE}).")
    float topP;

    @Option(names = "--seed", description = "Random seed: the same seed gives the same answer.")
    Long seed;

    @Option(names = "--ctx", converter = OptionLimits.ContextSize.class, defaultValue = "8192",
            description = "Context window in tokens (default "
            + "${DEFAULT-VALUE}).")
    int contextSize;

    @Option(names = "--max-tokens", defaultValue = "2048", description = "Tokens per answer at most (default "
            + "${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = {"-t", "--threads"}, description = "Kernel threads (default: all cores).")
    Integer threads;

    @Option(names = "--precision", description = EnginePrecision.DESCRIPTION)
    String precision;

    @Option(names = "--no-mmap", description = EngineMmap.DESCRIPTION)
    boolean noMmap;

    /** The stored model's parameters, for the sampling options without a flag. */
    private OllamaOptions modelOptions = OllamaOptions.NONE;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        if (contextSize < 16 || maxTokens < 1) {
            throw new CliException("--ctx must be at least 16 and --max-tokens at least 1");
        }
        Optional<ServerConnection> server = Files.isRegularFile(Path.of(model)) ? Optional.empty()
                : ServerConnection.find(root.console().env());
        if (server.isPresent()) {
            new RemoteChat(server.get(), this).run(prompt, start);
            return 0;
        }
        EngineOptions.Builder options = EngineOptions.builder().precision(EnginePrecision.parse(precision))
                .mmap(!noMmap);
        if (threads != null) {
            options.threads(threads);
        }
        OllamaOptions defaults = applyProfile(storedProfile());
        try (EmbeddedBackend backend = backend(LlamaEngine.load(root.console().stores().resolve(model),
                options.build()))) {
            ChatLoop chat = new ChatLoop(backend, sampling(), maxTokens, system,
                    WireValues.stops(defaults.stop(), "PARAMETER stop"));
            Duration load = backend.engine().loadDuration();
            if (prompt != null) {
                report(chat.turn(prompt, root.console().out(), load, start));
            } else {
                interact(chat, load, start);
            }
        }
        return 0;
    }

    /** The stored model's own SYSTEM and PARAMETERs; none for a GGUF file. */
    private ModelProfile storedProfile() {
        if (Files.isRegularFile(Path.of(model)) || !ModelName.looksLikeName(model)) {
            return ModelProfile.NONE;
        }
        return root.console().stores().find(ModelName.parse(model)).map(ModelProfile::of)
                .orElse(ModelProfile.NONE);
    }

    /**
     * Makes the model's SYSTEM and PARAMETERs the defaults of what the command line leaves unset, as a server does
     * for a request's options; returns them for the options the command line has no flag for.
     */
    private OllamaOptions applyProfile(ModelProfile profile) {
        OllamaOptions d = OllamaOptions.of(profile);
        CommandLine.ParseResult line = spec.commandLine().getParseResult();
        if (system == null) {
            system = profile.system();
        }
        if (!line.hasMatchedOption("--temperature") && d.temperature() != null) {
            temperature = new OptionLimits.Temperature().convert(d.temperature().toString());
        }
        if (!line.hasMatchedOption("--top-p") && d.topP() != null) {
            topP = new OptionLimits.TopP().convert(d.topP().toString());
        }
        if (seed == null) {
            seed = d.seed();
        }
        if (!line.hasMatchedOption("--ctx") && d.numCtx() != null) {
            contextSize = new OptionLimits.ContextSize().convert(d.numCtx().toString());
        }
        if (!line.hasMatchedOption("--max-tokens") && d.numPredict() != null && d.numPredict() > 0) {
            maxTokens = d.numPredict();
        }
        modelOptions = d;
        return d;
    }

    /** One generation at a time, no queue, one KV cache: the backend owns the engine from here. */
    private EmbeddedBackend backend(LlamaEngine engine) {
        try {
            return new EmbeddedBackend(model, engine, new EmbeddedSettings(contextSize, 1, 0, 1,
                    engine.options().batchSize()));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private SamplingOptions sampling() {
        if (temperature <= 0) {
            return SamplingOptions.greedy();
        }
        SamplingOptions.Builder b = SamplingOptions.builder().temperature(temperature).topP(topP);
        if (seed != null) {
            b.seed(seed);
        }
        // the model's top_k, min_p and repeat penalty, which have no flag
        return modelOptions.sampling(b.build());
    }

    private void interact(ChatLoop chat, Duration load, long start) {
        PrintWriter out = root.console().out();
        Duration[] firstLoad = {load};
        long[] turnStart = {start};
        interactive(new InteractiveChat.Session() {
            @Override
            public void send(String message) {
                report(chat.turn(message, out, firstLoad[0], turnStart[0]));
                firstLoad[0] = Duration.ZERO;
                turnStart[0] = System.nanoTime();
            }

            @Override
            public void clear() {
                chat.clear();
            }

            @Override
            public void system(String text) {
                chat.system(text);
            }

            @Override
            public void parameter(String name, String value) {
                RunCommand.this.parameter(name, value);
                chat.settings(sampling(), maxTokens);
            }

            @Override
            public void verbose(boolean on) {
                verbose = on;
            }
        });
    }

    /** Runs the interactive prompt on {@code session}; {@code /show} prints {@code lariat show MODEL} parts. */
    void interactive(InteractiveChat.Session session) {
        interactive(session, part -> LariatCli.commandLine(root.console())
                .execute(part.isEmpty() ? new String[] {"show", model} : new String[] {"show", model, part}));
    }

    /** Runs the interactive prompt on {@code session}, {@code /show} printing through {@code show}. */
    void interactive(InteractiveChat.Session session, Consumer<String> show) {
        BufferedReader in = new BufferedReader(new InputStreamReader(root.console().in(), StandardCharsets.UTF_8));
        new InteractiveChat(session, root.console().out(), show).run(in);
    }

    /**
     * Sets a sampling parameter by its Ollama name ({@code /set parameter}).
     *
     * @throws CliException naming an unknown parameter or a value out of range
     */
    void parameter(String name, String value) {
        try {
            switch (name) {
                case "temperature" -> temperature = new OptionLimits.Temperature().convert(value);
                case "top_p" -> topP = new OptionLimits.TopP().convert(value);
                case "seed" -> seed = Long.parseLong(value.strip());
                case "num_predict" -> maxTokens = Math.max(1, Integer.parseInt(value.strip()));
                default -> throw new CliException("unknown parameter '" + name + "' (temperature, top_p, seed, "
                        + "num_predict)");
            }
        } catch (NumberFormatException | picocli.CommandLine.TypeConversionException e) {
            throw new CliException(name + ": " + e.getMessage(), e);
        }
    }

    void report(StatsBlock stats) {
        if (verbose) {
            PrintWriter err = root.console().err();
            stats.lines().forEach(err::println);
            err.flush();
        }
    }
}
