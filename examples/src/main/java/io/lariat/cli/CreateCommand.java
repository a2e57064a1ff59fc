package io.lariat.cli;

import io.lariat.agent.store.ModelName;
import io.lariat.agent.store.ModelWriter;
import io.lariat.agent.store.Modelfile;
import io.lariat.agent.store.StoredModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat create NAME -f Modelfile}: a model in Lariat's store from a Modelfile ({@code FROM}, {@code SYSTEM},
 * {@code PARAMETER}, {@code TEMPLATE}, {@code LICENSE}), in Ollama's layout and media types.
 */
@Command(name = "create", description = "Create a model in Lariat's store from a Modelfile.")
final class CreateCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The new model's name.")
    String name;

    @Option(names = {"-f", "--file"}, defaultValue = "Modelfile", description = "The Modelfile (default "
            + "${DEFAULT-VALUE} in the current folder).")
    Path file;

    @Override
    public Integer call() {
        ModelName target = ModelName.parse(name);
        Path modelfile = file.toAbsolutePath();
        String text;
        try {
            text = Files.readString(modelfile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrintWriter err = root.console().err();
        StoredModel created = new ModelWriter(root.console().stores()).create(target, Modelfile.parse(text),
                modelfile.getParent(), line -> {
                    err.println(line);
                    err.flush();
                });
        root.console().out().println("created '" + created.name().display() + "' ("
                + Sizes.bytes(created.size()) + ") in " + created.store().root());
        return 0;
    }
}
