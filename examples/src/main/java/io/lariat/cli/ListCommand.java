package io.lariat.cli;

import io.lariat.agent.store.StoredModel;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code lariat list}: the models of Lariat's store and of the local Ollama store, as Ollama lists them. */
@Command(name = "list", aliases = "ls", description = "List the models in Lariat's and Ollama's local stores.")
final class ListCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final String ROW = "%-40s %-14s %-10s %-8s %s%n";

    @ParentCommand
    LariatCli root;

    @Override
    public Integer call() {
        PrintWriter out = root.console().out();
        out.printf(ROW, "NAME", "ID", "SIZE", "STORE", "MODIFIED");
        for (StoredModel m : root.console().stores().list()) {
            out.printf(ROW, m.name().display(), m.shortId(), Sizes.bytes(m.size()), m.store().label(),
                    WHEN.format(m.modified()));
        }
        return 0;
    }
}
