package io.lariat.cli;

import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.sampling.SamplingOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat run MODEL [PROMPT]}: one streamed answer, or an interactive chat ({@code /bye}, {@code /clear},
 * {@code /set verbose}) when PROMPT is absent; {@code --verbose} prints Ollama's statistics block to stderr.
 */
@Command(name = "run", description = "Chat with a model: one answer to PROMPT, or interactive without it.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

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

    @Option(names = "--precision", defaultValue = "exact", description = "exact (float activations) or fast (8-bit "
            + "activations for Q4_0, Q4_K and Q6_K weights) (default ${DEFAULT-VALUE}).")
    String precision;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        if (contextSize < 16 || maxTokens < 1) {
            throw new CliException("--ctx must be at least 16 and --max-tokens at least 1");
        }
        EngineOptions.Builder options = EngineOptions.builder().precision(EnginePrecision.parse(precision));
        if (threads != null) {
            options.threads(threads);
        }
        try (LlamaEngine engine = LlamaEngine.load(root.console().stores().resolve(model), options.build());
             ChatLoop chat = new ChatLoop(engine, Math.min(contextSize, engine.config().contextLength()), sampling(),
                     maxTokens, system)) {
            if (prompt != null) {
                report(chat.turn(prompt, root.console().out(), engine.loadDuration(), start));
            } else {
                interact(chat, engine.loadDuration(), start);
            }
        }
        return 0;
    }

    private SamplingOptions sampling() {
        if (temperature <= 0) {
            return SamplingOptions.greedy();
        }
        SamplingOptions.Builder b = SamplingOptions.builder().temperature(temperature).topP(topP);
        if (seed != null) {
            b.seed(seed);
        }
        return b.build();
    }

    private void interact(ChatLoop chat, Duration load, long start) {
        PrintWriter out = root.console().out();
        BufferedReader in = new BufferedReader(new InputStreamReader(root.console().in(), StandardCharsets.UTF_8));
        Duration firstLoad = load;
        long turnStart = start;
        for (String line; (line = prompt(out, in)) != null; turnStart = System.nanoTime()) {
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("/")) {
                if (!command(text, chat, out)) {
                    return;
                }
                continue;
            }
            report(chat.turn(text, out, firstLoad, turnStart));
            firstLoad = Duration.ZERO;
        }
    }

    /** Runs a slash command; false for {@code /bye}. */
    private boolean command(String text, ChatLoop chat, PrintWriter out) {
        switch (text) {
            case "/bye" -> {
                return false;
            }
            case "/clear" -> {
                chat.clear();
                out.println("Cleared session context");
            }
            case "/set verbose" -> {
                verbose = true;
                out.println("Set 'verbose' mode.");
            }
            case "/set quiet" -> {
                verbose = false;
                out.println("Set 'quiet' mode.");
            }
            default -> out.println("Unknown command '" + text + "'. Commands: /bye, /clear, /set verbose, "
                    + "/set quiet");
        }
        return true;
    }

    private static String prompt(PrintWriter out, BufferedReader in) {
        out.print(">>> ");
        out.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void report(StatsBlock stats) {
        if (verbose) {
            PrintWriter err = root.console().err();
            stats.lines().forEach(err::println);
            err.flush();
        }
    }
}
