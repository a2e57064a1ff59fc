package io.lariat.cli;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufTensorInfo;
import io.lariat.engine.gguf.GgufValue;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lariat gguf --model FILE}: a GGUF file's metadata (long arrays summarised) and tensor table. */
@Command(name = "gguf", description = "Print a GGUF file's metadata and tensor table.")
final class GgufCommand implements Callable<Integer> {
    /** Arrays longer than this show their first elements only. */
    static final int ARRAY_PREVIEW = 8;
    /** Strings longer than this are cut (chat templates). */
    static final int STRING_PREVIEW = 120;

    @ParentCommand
    LariatCli root;

    @Option(names = {"-m", "--model"}, required = true, description = "GGUF file or model name.")
    String model;

    @Override
    public Integer call() {
        PrintWriter out = root.console().out();
        try (GgufFile file = GgufFile.open(root.console().stores().resolve(model))) {
            out.printf("file: %s (GGUF v%d, %d bytes, alignment %d)%n", file.path(), file.version(), file.fileSize(),
                    file.alignment());
            Map<String, GgufValue> sorted = new TreeMap<>(file.metadata().asMap());
            out.printf("metadata: %d keys%n", sorted.size());
            sorted.forEach((key, value) -> out.printf("  %-40s %s%n", key, format(value)));
            out.printf("tensors: %d%n", file.tensors().size());
            out.printf("  %-40s %-6s %-20s %s%n", "NAME", "TYPE", "SHAPE", "OFFSET");
            for (GgufTensorInfo t : file.tensors()) {
                out.printf("  %-40s %-6s %-20s %d%n", t.name(), t.type(), shape(t.shape()), t.offset());
            }
        }
        return 0;
    }

    /** One metadata value as a line: strings quoted and cut, arrays summarised. */
    static String format(GgufValue value) {
        return switch (value) {
            case GgufValue.StringValue s -> quote(s.value());
            case GgufValue.IntegerValue i -> i.type().name().equals("UINT64") ? Long.toUnsignedString(i.value())
                    : Long.toString(i.value());
            case GgufValue.FloatValue f -> Double.toString(f.value());
            case GgufValue.BoolValue b -> Boolean.toString(b.value());
            case GgufValue.ArrayValue a -> array(a);
        };
    }

    private static String array(GgufValue.ArrayValue a) {
        String items = IntStream.range(0, Math.min(a.size(), ARRAY_PREVIEW)).mapToObj(i -> format(a.get(i)))
                .collect(Collectors.joining(", "));
        String more = a.size() > ARRAY_PREVIEW ? ", …" : "";
        return "[" + a.size() + " × " + a.elementType().name().toLowerCase(java.util.Locale.ROOT) + ": " + items
                + more + "]";
    }

    private static String quote(String text) {
        String cut = text.length() > STRING_PREVIEW ? text.substring(0, STRING_PREVIEW) + "…" : text;
        return '"' + cut.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"'
                + (text.length() > STRING_PREVIEW ? " (" + text.length() + " chars)" : "");
    }

    private static String shape(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(" × ", "[", "]"));
    }
}
