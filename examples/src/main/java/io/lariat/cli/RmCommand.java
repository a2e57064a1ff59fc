package io.lariat.cli;

import io.lariat.agent.store.ModelName;
import io.lariat.agent.store.ModelStores;
import io.lariat.agent.store.StoredModel;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat rm MODEL...}: deletes models from Lariat's store (never from Ollama's).
 *
 * <p>Every name must match a stored model exactly (a short name through the defaults only) before anything is
 * deleted: when one does not, the command names it, says why, and deletes none of them.
 */
@Command(name = "rm", description = "Remove models from Lariat's store.")
final class RmCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Parameters(arity = "1..*", paramLabel = "MODEL", description = "Model names; a short name means "
            + "registry.ollama.ai/library/NAME:latest.")
    List<String> models;

    @Override
    public Integer call() {
        ModelStores stores = root.console().stores();
        List<ModelName> names = models.stream().map(ModelName::parse).toList();
        for (int i = 0; i < names.size(); i++) {
            if (stores.lariat().find(names.get(i)).isEmpty()) {
                throw new CliException(absent(stores, models.get(i), names.get(i)));
            }
        }
        for (ModelName name : names) {
            StoredModel removed = stores.lariat().remove(name);
            root.console().out().println("deleted '" + removed.name().display() + "'");
        }
        return 0;
    }

    private static String absent(ModelStores stores, String typed, ModelName name) {
        boolean inOllama = stores.ollama().find(name).isPresent();
        return "model '" + typed + "' not found in " + stores.lariat().root() + "; nothing was deleted"
                + (inOllama ? " (it is in Ollama's store; remove it with: ollama rm " + typed + ")"
                : stores.namesakesHint(name));
    }
}
