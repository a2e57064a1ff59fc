package io.lariat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lariat serve [--port N] [--model MODEL]}: the OpenAI- and Ollama-compatible HTTP server.
 *
 * <p>The server is the Quarkus application ({@link LariatServer}); the launcher starts it for this command. Run from
 * the plain CLI, this command only says so.
 */
@Command(name = "serve", description = "Start the HTTP server (OpenAI- and Ollama-compatible APIs).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = {"-p", "--port"}, defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default "
            + "${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-m", "--model"}, description = "Model to serve: GGUF file or model name (default: "
            + "lariat.model, else the bundled demo model).")
    String model;

    @Option(names = "--precision", description = "exact or fast (default: lariat.engine.precision).")
    String precision;

    @Option(names = "--no-mmap", description = "Read the weights into memory at load instead of mapping them.")
    boolean noMmap;

    @Override
    public Integer call() {
        throw new CliException("serve runs as the Quarkus application: start it with ./lariat serve "
                + "(java -jar examples/target/quarkus-app/quarkus-run.jar serve ...)");
    }

    /** Checks the values before the server starts. */
    void validate() {
        if (port < 0 || port > 65535) {
            throw new CliException("--port must be between 0 and 65535, got " + port);
        }
        if (precision != null) {
            EnginePrecision.parse(precision);
        }
    }
}
