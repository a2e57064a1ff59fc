package io.lariat.cli;

import io.lariat.agent.store.ModelName;
import io.lariat.agent.store.ModelPuller;
import io.lariat.agent.store.StoredModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lariat pull MODEL [--registry URL]}: downloads a model from an Ollama-compatible registry, or a GGUF file
 * from a direct URL, into Lariat's store, with a progress bar, resume and sha256 verification.
 */
@Command(name = "pull", description = "Download a model from an Ollama-compatible registry or a GGUF URL.")
final class PullCommand implements Callable<Integer> {

    @ParentCommand
    LariatCli root;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model name (llama3.1:8b) or an https URL of a "
            + "GGUF file.")
    String model;

    @Option(names = "--registry", description = "Registry base URL (default: $LARIAT_REGISTRY, else "
            + "https://registry.ollama.ai).")
    String registry;

    @Override
    public Integer call() {
        HttpClient http = ModelPuller.httpClient(Duration.ofSeconds(20));
        ModelPuller puller = new ModelPuller(http, root.console().stores().lariat(),
                new ProgressBar(root.console().err()));
        StoredModel pulled = model.matches("(?i)https?://.*") ? puller.pullUrl(uri(model))
                : puller.pull(ModelName.parse(model), registry());
        root.console().out().println("pulled '" + pulled.name().display() + "' (" + Sizes.bytes(pulled.size())
                + ") into " + pulled.store().root());
        return 0;
    }

    private URI registry() {
        String base = registry != null ? registry : root.console().env().get("LARIAT_REGISTRY");
        return base == null || base.isBlank() ? ModelPuller.DEFAULT_REGISTRY : uri(base);
    }

    private static URI uri(String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getHost() == null || !uri.getScheme().matches("(?i)https?")) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid URL '" + text + "': " + e.getMessage(), e);
        }
    }
}
