package io.lariat.cli;

import io.lariat.cli.store.ModelName;
import io.lariat.cli.store.ModelStores;
import io.lariat.cli.store.StoredModel;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lariat rm MODEL...}: deletes models from Lariat's store (never from Ollama's). */
@Command(name = "rm", description = "Remove models from Lariat's store.")
final class RmCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Parameters(arity = "1..*", paramLabel = "MODEL", description = "Model names.")
    List<String> models;

    @Override
    public Integer call() {
        ModelStores stores = root.console().stores();
        for (String model : models) {
            ModelName name = ModelName.parse(model);
            if (stores.lariat().find(name).isEmpty()) {
                boolean inOllama = stores.ollama().find(name).isPresent();
                throw new CliException("model '" + model + "' not found in " + stores.lariat().root()
                        + (inOllama ? " (it is in Ollama's store; remove it with: ollama rm " + model + ")" : ""));
            }
            StoredModel removed = stores.lariat().remove(name);
            root.console().out().println("deleted '" + removed.name().display() + "'");
        }
        return 0;
    }
}
