package io.lariat.cli;

import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.TokenLogit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat logits --model FILE --ids 128000,791 [--top-k 10]}: for each input position, the highest logits
 * predicting the next token, as {@code {"positions":[{"top":[[id,logit],...]},...]}}.
 */
@Command(name = "logits", description = "Print the top logits after each position of a token id list (JSON).")
final class LogitsCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Option(names = {"-m", "--model"}, required = true, description = "GGUF file or model name.")
    String model;

    @Option(names = "--ids", required = true, split = ",", description = "Comma-separated token ids.")
    int[] ids;

    @Option(names = "--top-k", defaultValue = "10", description = "Logits per position (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = {"-t", "--threads"}, description = "Kernel threads (default: all cores).")
    Integer threads;

    @Option(names = "--precision", description = EnginePrecision.DESCRIPTION)
    String precision;

    @Option(names = "--no-mmap", description = EngineMmap.DESCRIPTION)
    boolean noMmap;

    @Override
    public Integer call() {
        if (topK < 1) {
            throw new CliException("--top-k must be at least 1, got " + topK);
        }
        EngineOptions.Builder options = EngineOptions.builder().precision(EnginePrecision.parse(precision))
                .mmap(!noMmap);
        if (threads != null) {
            options.threads(threads);
        }
        try (LlamaEngine engine = LlamaEngine.load(root.console().stores().resolve(model), options.build())) {
            int vocab = engine.config().vocabSize();
            for (int id : ids) {
                if (id < 0 || id >= vocab) {
                    throw new CliException("token id " + id + " is outside the vocabulary (0.." + (vocab - 1) + ")");
                }
            }
            root.console().out().println(json(engine.topLogits(ids, topK)));
        }
        return 0;
    }

    static String json(List<List<TokenLogit>> positions) {
        return positions.stream().map(top -> top.stream()
                        .map(t -> "[" + t.id() + "," + String.format(Locale.ROOT, "%.6f", t.logit()) + "]")
                        .collect(Collectors.joining(",", "{\"top\":[", "]}")))
                .collect(Collectors.joining(",", "{\"positions\":[", "]}"));
    }
}
