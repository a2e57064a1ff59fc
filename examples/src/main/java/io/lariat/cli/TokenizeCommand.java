package io.lariat.cli;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lariat tokenize --model FILE [--special] TEXT}: the token ids of a text as one JSON array (no BOS). */
@Command(name = "tokenize", description = "Print the token ids of TEXT as a JSON array (no BOS added).")
final class TokenizeCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Option(names = {"-m", "--model"}, required = true, description = "GGUF file or model name.")
    String model;

    @Option(names = "--special", description = "Parse special-token names such as <|eot_id|> in TEXT.")
    boolean special;

    @Parameters(index = "0", paramLabel = "TEXT", description = "The text to encode.")
    String text;

    @Override
    public Integer call() {
        try (GgufFile file = GgufFile.open(root.console().stores().resolve(model))) {
            Tokenizer tokenizer = Tokenizer.fromGguf(file);
            int[] ids = special ? tokenizer.encodeWithSpecials(text) : tokenizer.encode(text);
            root.console().out().println(Arrays.toString(ids).replace(" ", ""));
        }
        return 0;
    }
}
