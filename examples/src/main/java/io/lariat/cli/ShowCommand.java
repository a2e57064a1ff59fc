package io.lariat.cli;

import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufMetadata;
import io.lariat.engine.gguf.GgufTensorInfo;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat show MODEL}: architecture, parameters, quantization, context length, template and license of a model,
 * laid out as {@code ollama show} does.
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

    @Override
    public Integer call() {
        PrintWriter out = root.console().out();
        try (GgufFile file = GgufFile.open(root.console().stores().resolve(model))) {
            GgufMetadata meta = file.metadata();
            String arch = meta.findString("general.architecture").orElse("unknown");
            long parameters = file.tensors().stream().mapToLong(GgufTensorInfo::elementCount).sum();
            out.println("  Model");
            row(out, "architecture", arch);
            row(out, "parameters", Sizes.parameters(parameters));
            meta.findInteger(arch + ".context_length").ifPresent(v -> row(out, "context length", Long.toString(v)));
            meta.findInteger(arch + ".embedding_length").ifPresent(v -> row(out, "embedding length",
                    Long.toString(v)));
            row(out, "quantization", quantization(file));
            section(out, "Template", meta.findString("tokenizer.chat_template").orElse(null));
            section(out, "License", meta.findString("general.license").orElse(null));
        }
        return 0;
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
