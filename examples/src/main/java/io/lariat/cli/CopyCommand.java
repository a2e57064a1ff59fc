package io.lariat.cli;

import io.lariat.agent.store.ModelName;
import io.lariat.agent.store.ModelWriter;
import io.lariat.agent.store.StoredModel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lariat cp SOURCE DESTINATION}: the same model under another name in Lariat's store, as {@code ollama cp}. */
@Command(name = "cp", description = "Copy a model to another name in Lariat's store.")
final class CopyCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A stored model (Lariat's or Ollama's store).")
    String source;

    @Parameters(index = "1", paramLabel = "DESTINATION", description = "The new name.")
    String destination;

    @Override
    public Integer call() {
        ModelName to = ModelName.parse(destination);
        StoredModel copied = new ModelWriter(root.console().stores()).copy(ModelName.parse(source), to);
        root.console().out().println("copied '" + source + "' to '" + copied.name().display() + "'");
        return 0;
    }
}
