package io.lariat.cli;

import io.lariat.agent.store.ModelName;
import io.lariat.agent.store.ModelStores;
import io.lariat.agent.store.Modelfile;
import io.lariat.agent.store.StoredModel;
import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufMetadata;
import io.lariat.engine.gguf.GgufTensorInfo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat show MODEL [--modelfile|--parameters|--system|--template|--license]}: architecture, parameters,
 * quantization, context length, Modelfile parameters, system prompt, template and license of a model, laid out as
 * {@code ollama show} does; a flag prints only that part.
 */
@Command(name = "show", description = "Show a model's architecture, parameters, quantization, template and license.")
final class ShowCommand implements Callable<Integer> {
    /** llama.cpp's {@code general.file_type} values (LLAMA_FTYPE_MOSTLY_*). */
    private static final Map<Long, String> FILE_TYPES = Map.ofEntries(Map.entry(0L, "F32"), Map.entry(1L, "F16"),
            Map.entry(2L, "Q4_0"), Map.entry(3L, "Q4_1"), Map.entry(7L, "Q8_0"), Map.entry(8L, "Q5_0"),
            Map.entry(9L, "Q5_1"), Map.entry(10L, "Q2_K"), Map.entry(11L, "Q3_K_S"), Map.entry(12L, "Q3_K_M"),
            Map.entry(13L, "Q3_K_L"), Map.entry(14L, "Q4_K_S"), Map.entry(15L, "Q4_K_M"), Map.entry(16L, "Q5_K_S"),
            Map.entry(17L, "Q5_K_M"), Map.entry(18L, "Q6_K"), Map.entry(32L, "BF16"));

    @ParentCommand
    LariatCli root;

    @Parameters(index = "0", paramLabel = "MODEL", description = "GGUF file or model name.")
    String model;

    @ArgGroup(exclusive = true)
    Part part;

    /** One part instead of the whole description, as {@code ollama show} offers. */
    static final class Part {
        @Option(names = "--modelfile", description = "Show the Modelfile that recreates the model.")
        boolean modelfile;
        @Option(names = "--parameters", description = "Show the model's parameters.")
        boolean parameters;
        @Option(names = "--system", description = "Show the model's system prompt.")
        boolean system;
        @Option(names = "--template", description = "Show the model's prompt template.")
        boolean template;
        @Option(names = "--license", description = "Show the model's license.")
        boolean license;
    }

    @Override
    public Integer call() {
        PrintWriter out = root.console().out();
        ModelStores stores = root.console().stores();
        Path weights = stores.resolve(model);
        Optional<StoredModel> stored = ModelName.looksLikeName(model) && !Files.isRegularFile(Path.of(model))
                ? stores.find(ModelName.parse(model)) : Optional.empty();
        try (GgufFile file = GgufFile.open(weights)) {
            Modelfile parts = modelfile(stored, weights, file.metadata());
            if (part != null) {
                printPart(out, parts, stored.map(m -> m.name().display()).orElse(model));
                return 0;
            }
            GgufMetadata meta = file.metadata();
            String arch = meta.findString("general.architecture").orElse("unknown");
            long parameters = file.tensors().stream().mapToLong(GgufTensorInfo::elementCount).sum();
            printSummary(out, new Summary(arch, parameters, meta.findInteger(arch + ".context_length").orElse(-1),
                    meta.findInteger(arch + ".embedding_length").orElse(-1), quantization(file)), parts);
        }
        return 0;
    }

    /**
     * The facts of a model's {@code Model} section.
     *
     * @param contextLength   tokens, or -1 when not recorded
     * @param embeddingLength or -1 when not recorded
     */
    record Summary(String architecture, long parameters, long contextLength, long embeddingLength,
                   String quantization) {
    }

    /** The whole description, laid out as {@code ollama show} does. */
    static void printSummary(PrintWriter out, Summary model, Modelfile parts) {
        out.println("  Model");
        row(out, "architecture", model.architecture());
        row(out, "parameters", Sizes.parameters(model.parameters()));
        if (model.contextLength() >= 0) {
            row(out, "context length", Long.toString(model.contextLength()));
        }
        if (model.embeddingLength() >= 0) {
            row(out, "embedding length", Long.toString(model.embeddingLength()));
        }
        row(out, "quantization", model.quantization());
        section(out, "Parameters", parts.renderParameters());
        section(out, "System", parts.system());
        section(out, "Template", parts.template());
        section(out, "License", String.join("\n\n", parts.licenses()));
    }

    /** The stored model's parts, falling back to what the GGUF file records (template, license). */
    private static Modelfile modelfile(Optional<StoredModel> stored, Path weights, GgufMetadata meta) {
        return stored.map(StoredModel::modelfile)
                .orElse(new Modelfile(weights.toString(), null, null, List.of(), List.of()))
                .withDefaults(meta.findString("tokenizer.chat_template").orElse(null),
                        meta.findString("general.license").orElse(null));
    }

    private void printPart(PrintWriter out, Modelfile parts, String name) {
        if (part.modelfile) {
            out.println("# Modelfile generated by \"lariat show\"");
            out.println("# To build a new Modelfile based on this, replace FROM with:");
            out.println("# FROM " + name);
            out.println();
            out.print(parts.render());
        } else {
            printOne(out, parts, part.parameters ? "--parameters" : part.system ? "--system" : part.template
                    ? "--template" : "--license");
        }
    }

    /** One part but the Modelfile: {@code --parameters}, {@code --system}, {@code --template}, else the license. */
    static void printOne(PrintWriter out, Modelfile parts, String flag) {
        switch (flag) {
            case "--parameters" -> out.print(parts.renderParameters());
            case "--system" -> out.println(Objects.requireNonNullElse(parts.system(), ""));
            case "--template" -> out.println(Objects.requireNonNullElse(parts.template(), ""));
            default -> out.println(String.join("\n\n", parts.licenses()));
        }
    }


    /** The file type llama.cpp recorded, else the type holding most weight bytes. */
    static String quantization(GgufFile file) {
        var recorded = file.metadata().findInteger("general.file_type");
        if (recorded.isPresent() && FILE_TYPES.containsKey(recorded.getAsLong())) {
            return FILE_TYPES.get(recorded.getAsLong());
        }
        Map<GgmlType, Long> bytes = new EnumMap<>(GgmlType.class);
        file.tensors().forEach(t -> bytes.merge(t.type(), t.byteSize(), Long::sum));
        return bytes.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> e.getKey().name())
                .orElse("unknown");
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf("    %-20s%s%n", key, value);
    }

    private static void section(PrintWriter out, String title, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        out.println();
        out.println("  " + title);
        text.strip().lines().forEach(line -> out.println("    " + line));
    }
}
