package io.lariat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.agent.store.StoredModel;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat list [NAME]}: the models of Lariat's store and of the local Ollama store, as Ollama lists them; from a
 * running server's {@code /api/tags} when one answers at {@code LARIAT_HOST}.
 */
@Command(name = "list", aliases = "ls", description = "List the models in Lariat's and Ollama's local stores.")
final class ListCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final String ROW = "%-40s %-14s %-10s %-8s %s%n";

    @ParentCommand
    LariatCli root;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "List only models whose name starts with NAME "
            + "(as shown, case-insensitive).")
    String filter;

    @Override
    public Integer call() {
        PrintWriter out = root.console().out();
        out.printf(ROW, "NAME", "ID", "SIZE", "STORE", "MODIFIED");
        Optional<ServerConnection> server = ServerConnection.find(root.console().env());
        if (server.isPresent()) {
            listServer(server.get(), out);
            return 0;
        }
        String prefix = prefix();
        for (StoredModel m : root.console().stores().list()) {
            if (!m.name().display().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                continue;
            }
            out.printf(ROW, m.name().display(), m.shortId(), Sizes.bytes(m.size()), m.store().label(),
                    WHEN.format(m.modified()));
        }
        return 0;
    }

    /** The server's models ({@code /api/tags}), which it finds in the same stores. */
    private void listServer(ServerConnection server, PrintWriter out) {
        for (JsonNode m : server.get("/api/tags").path("models")) {
            String name = m.path("name").asText();
            if (!name.toLowerCase(Locale.ROOT).startsWith(prefix())) {
                continue;
            }
            String digest = m.path("digest").asText("").replaceFirst("^sha256:", "");
            String modified;
            try {
                modified = WHEN.format(OffsetDateTime.parse(m.path("modified_at").asText()));
            } catch (DateTimeParseException e) {
                modified = "-";
            }
            out.printf(ROW, name, digest.substring(0, Math.min(12, digest.length())),
                    Sizes.bytes(m.path("size").asLong()), "server", modified);
        }
    }

    private String prefix() {
        return filter == null ? "" : filter.toLowerCase(Locale.ROOT);
    }
}
