package io.lariat.cli;

import io.lariat.examples.demo.DemoTrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lariat train-demo --vocab V --out O ...}: trains and exports the demo model ({@link DemoTrainingRun}), its
 * {@code step N/M loss ... eta} line redrawn in place on stderr, the other stages one line each. Options left out take
 * {@link DemoTrainingRun.Settings#parse}'s defaults, which stay the only place they are written.
 */
@Command(name = "train-demo", description = "Train the demo model (a small Llama 3.1 tool-use model) and export it "
        + "as GGUF.")
final class TrainDemoCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--vocab", required = true, description = "A GGUF file with the Llama 3.1 tokenizer.")
    Path vocab;

    @Option(names = "--out", required = true, description = "Where to write the model.")
    Path out;

    @Option(names = "--steps", description = "Optimizer steps (default 1500).")
    Integer steps;

    @Option(names = "--seed", description = "Seed of data and initial weights (default 1).")
    Long seed;

    @Option(names = "--per-agent", description = "Training conversations per agent (default 4000).")
    Integer perAgent;

    @Option(names = "--held-out", description = "Held-out conversations per agent to score (default 100; 0 skips).")
    Integer heldOut;

    @Option(names = "--batch", description = "Sequences per step (default 32).")
    Integer batch;

    @Option(names = {"-t", "--threads"}, description = "Trainer threads (default: all cores).")
    Integer threads;

    @Option(names = "--checkpoint", description = "Checkpoint file, resumed when it exists.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", description = "Steps between checkpoints (default 100).")
    Integer checkpointEvery;

    @Option(names = "--size", description = "Model size: demo or tiny (default demo).")
    String size;

    @Option(names = "--dim", description = "Embedding width, a multiple of 32, overriding the size's (demo 128, "
            + "tiny 64); the FFN keeps its ratio to it and each of the 4 heads is a quarter of it.")
    Integer dim;

    @Option(names = "--layers", description = "Transformer blocks, overriding the size's (demo 4, tiny 2).")
    Integer layers;

    @Option(names = "--kv-heads", description = "Key/value heads, overriding the size's (demo and tiny 2, of 4 "
            + "query heads; 4 gives every head its own).")
    Integer kvHeads;

    @Option(names = "--lr", description = "Peak learning rate (default 3e-3).")
    Float learningRate;

    @Option(names = "--agents", description = "Agents to train for: name[:count],... (default all four).")
    String agents;

    @Option(names = "--word-drills", description = "Plain-text word-copying drills mixed in so that every everyday "
            + "English and Chinese word is trained (default 0).")
    Integer wordDrills;

    @Option(names = "--init", description = "Start from this model (one that train-demo exported, same size) "
            + "instead of random weights: fine-tuning it on the new data.")
    Path init;

    @Override
    public Integer call() {
        DemoTrainingRun.Settings settings;
        try {
            settings = DemoTrainingRun.Settings.parse(arguments());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter err = root.console().err();
        boolean[] inPlace = {false};
        try {
            DemoTrainingRun.Result result = DemoTrainingRun.run(settings, line -> {
                boolean step = line.startsWith("step ");
                err.print((step ? "\r" : inPlace[0] ? "\n" : "") + line + (step ? "" : "\n"));
                err.flush();
                inPlace[0] = step;
            });
            if (inPlace[0]) {
                err.println();
            }
            result.scores().forEach(root.console().out()::println);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    /** The given options as {@code --name value} pairs for {@link DemoTrainingRun.Settings#parse}. */
    private String[] arguments() {
        List<String> args = new ArrayList<>();
        for (CommandLine.Model.OptionSpec option : spec.options()) {
            Object value = option.getValue();
            if (value != null && !option.usageHelp() && spec.commandLine().getParseResult().hasMatchedOption(option)) {
                args.add(option.longestName());
                args.add(value.toString());
            }
        }
        return args.toArray(String[]::new);
    }
}
