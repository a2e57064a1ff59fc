package io.lariat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat stop MODEL}: unloads a model from a running server, as {@code ollama stop} does: a generate request
 * with {@code keep_alive: 0} and no prompt.
 */
@Command(name = "stop", description = "Unload a model from a running server (LARIAT_HOST, default "
        + ServerConnection.DEFAULT_HOST + ").")
final class StopCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A loaded model, as lariat ps names it.")
    String model;

    @Override
    public Integer call() {
        ServerConnection server = ServerConnection.require(root.console().env());
        JsonNode loaded = server.get("/api/ps").path("models");
        boolean found = StreamSupport.stream(loaded.spliterator(), false)
                .anyMatch(m -> ServerConnection.sameModel(m.path("name").asText(m.path("model").asText()), model));
        if (!found) {
            throw new CliException("model '" + model + "' is not loaded on " + server.base().getAuthority()
                    + " (see: lariat ps)");
        }
        server.post("/api/generate", Map.of("model", model, "keep_alive", 0, "stream", false));
        return 0;
    }
}
