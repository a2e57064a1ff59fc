package io.lariat.cli;

import io.lariat.engine.Precision;
import io.lariat.engine.bench.BenchOptions;
import io.lariat.engine.bench.BenchReport;
import io.lariat.engine.bench.Benchmark;
import io.lariat.engine.bench.ModelShape;
import io.lariat.engine.bench.SyntheticModels;
import io.lariat.engine.gguf.GgmlType;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat bench}: prefill and decode tokens/s of a model file or of a synthetic model of a real Llama shape,
 * as a llama-bench style table; with {@code --json}, one JSON object on the last line.
 */
@Command(name = "bench", description = "Measure prefill and decode speed (tokens/s), like llama-bench.")
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @ArgGroup(multiplicity = "1")
    Target target;

    @Option(names = "--type", defaultValue = "q4_0", description = "Weight type of a synthetic model: f32, f16, "
            + "bf16, q8_0 or q4_0 (default ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--cache-dir", description = "Folder for synthetic models (default ~/.lariat/cache/synthetic).")
    Path cacheDir;

    @Option(names = "-p", defaultValue = "512", description = "Prompt tokens of the prefill test (default 512; 0: "
            + "decode only).")
    int promptTokens;

    @Option(names = "--depth", defaultValue = "0", description = "Tokens already in the context when each test "
            + "starts, like llama-bench's -d (default 0).")
    int depth;

    @Option(names = "--precision", description = EnginePrecision.DESCRIPTION)
    String precision;

    @Option(names = "-n", defaultValue = "128", description = "Tokens of the decode test (default 128).")
    int generatedTokens;

    @Option(names = {"-t", "--threads"}, description = "Kernel threads (default: all cores).")
    Integer threads;

    @Option(names = "-r", defaultValue = "1", description = "Measured repetitions (default 1).")
    int repetitions;

    @Option(names = "--no-mmap", description = EngineMmap.DESCRIPTION)
    boolean noMmap;

    @Option(names = "--kernel-bound", description = "After each decode test, time as many steps of its row products "
            + "alone: the decode step's kernel-only bound, and decode's share of it.")
    boolean kernelBound;

    @Option(names = "--json", description = "Print one JSON object on the last line.")
    boolean json;

    /** A model file, or the shape of a synthetic model. */
    static final class Target {
        @Option(names = {"-m", "--model"}, description = "GGUF file or model name.")
        String model;

        @Option(names = "--synthetic", description = "A random-weight model of a real shape: 1b, 3b or 8b.")
        String synthetic;
    }

    @Override
    public Integer call() {
        BenchOptions options = options();
        PrintWriter err = root.console().err();
        if (options.model() == null) {
            Path file = SyntheticModels.path(options.cacheDir(), options.synthetic(), options.syntheticType());
            err.println(Files.isRegularFile(file) ? "lariat: using the synthetic model " + file
                    : "lariat: writing a synthetic " + target.synthetic + " model (" + type + ", random weights) to "
                    + file + " (once; later runs reuse it)…");
            err.flush();
        }
        err.println("lariat: benchmarking (pp" + options.promptTokens() + ", tg" + options.generatedTokens()
                + (options.depth() > 0 ? " @ d" + options.depth() : "") + ", " + options.threads() + " threads, "
                + options.precision().name().toLowerCase(Locale.ROOT) + (options.mmap() ? "" : ", no mmap") + ")…");
        BenchReport report = Benchmark.run(options);
        PrintWriter out = root.console().out();
        out.printf("| %-32s | %10s | %8s | %7s | %12s | %10s |%n", "model", "size", "params", "threads", "test", "t/s");
        String at = report.depth() > 0 ? " @ d" + report.depth() : "";
        if (report.promptTokens() > 0) {
            row(out, report, "pp" + report.promptTokens() + at, report.prefillTps());
        }
        row(out, report, "tg" + report.generatedTokens() + at, report.decodeTps());
        if (report.kernelBoundTps() > 0) {
            out.printf(Locale.ROOT, "kernel-only bound: %.2f t/s (decode at %.0f%% of it)%n", report.kernelBoundTps(),
                    100 * report.decodeTps() / report.kernelBoundTps());
        }
        out.printf("load: %s%n", GoDuration.format(report.load()));
        if (json) {
            out.println(report.toJson());
        }
        return 0;
    }

    private BenchOptions options() {
        BenchOptions options;
        try {
            if (target.model != null) {
                options = BenchOptions.forModel(root.console().stores().resolve(target.model));
            } else {
                ModelShape shape = ModelShape.named(target.synthetic);
                GgmlType weights = GgmlType.valueOf(type.toUpperCase(Locale.ROOT));
                options = new BenchOptions(null, shape, weights, cacheDir != null ? cacheDir
                        : SyntheticModels.defaultCacheDir(), 512, 128, Runtime.getRuntime().availableProcessors(), 1,
                        0, Precision.DEFAULT, false, true);
            }
            options = options.withTokens(promptTokens, generatedTokens).withRepetitions(repetitions)
                    .withDepth(depth).withPrecision(EnginePrecision.parse(precision)).withKernelBound(kernelBound)
                    .withMmap(!noMmap);
            return threads == null ? options : options.withThreads(threads);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage().startsWith("No enum constant")
                    ? "unknown weight type '" + type + "' (known: f32, f16, bf16, q8_0, q4_0)" : e.getMessage(), e);
        }
    }

    private static void row(PrintWriter out, BenchReport report, String test, double rate) {
        String model = Path.of(report.model()).getFileName().toString();
        out.printf(Locale.ROOT, "| %-32s | %10s | %8s | %7d | %12s | %10.2f |%n", model + " " + report.modelType(),
                Sizes.bytes(report.modelBytes()), Sizes.parameters(report.parameters()), report.threads(), test, rate);
    }
}
