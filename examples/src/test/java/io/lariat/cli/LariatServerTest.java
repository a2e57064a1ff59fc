package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class LariatServerTest {

    private static ServeCommand serve(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve;
    }

    @Test
    void aPortInUseIsNamed() {
        RuntimeException failure = new RuntimeException("Unable to start HTTP server",
                new IllegalStateException("wrapped", new BindException("Address already in use")));
        assertEquals("port 8080 on 0.0.0.0 is in use",
                LariatServer.startFailure(failure, serve("--port", "8080", "--host", "0.0.0.0")));
    }

    @Test
    void otherFailuresGiveTheRootCause() {
        RuntimeException failure = new RuntimeException("boot", new IllegalArgumentException("lariat.context-size: "
                + "must be positive"));
        assertEquals("the server failed to start: lariat.context-size: must be positive",
                LariatServer.startFailure(failure, serve()));
    }

    @Test
    void defaultsAreOllamasPortOnLoopback() {
        ServeCommand serve = serve();
        assertEquals(8080, serve.port);
        assertEquals("127.0.0.1", serve.host);
    }

    @ParameterizedTest(name = "serve {0}")
    @ValueSource(strings = {"--help", "-h"})
    void helpDescribesServeAndExitsZeroWithoutStarting(String option) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String port = System.getProperty("quarkus.http.port");
        assertEquals(0, LariatServer.configure(new String[] {option}, new ServeCommand(), new PrintWriter(out),
                new PrintWriter(err)));
        assertEquals("", err.toString());
        assertEquals(port, System.getProperty("quarkus.http.port"), "help configures nothing");
        assertEquals("""
                Usage: lariat serve [-h] [--no-mmap] [--host=<host>] [-m=<model>] [-p=<port>]
                                    [--precision=<precision>]
                Start the HTTP server (OpenAI- and Ollama-compatible APIs).
                  -h, --help            Show this help message and exit.
                      --host=<host>     Address to listen on (default 127.0.0.1).
                  -m, --model=<model>   Model to serve: GGUF file or model name (default:
                                          lariat.model, else the bundled demo model).
                      --no-mmap         Read the weights into memory at load instead of mapping
                                          them.
                  -p, --port=<port>     HTTP port (default 8080).
                      --precision=<precision>
                                        exact or fast (default: lariat.engine.precision).
                """, out.toString());
    }

    @Test
    void noMmapSetsTheEngineSetting() {
        String port = System.getProperty("quarkus.http.port");
        String host = System.getProperty("quarkus.http.host");
        try {
            assertEquals(-1, LariatServer.configure(new String[] {"--no-mmap"}, new ServeCommand(),
                    new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
            assertEquals("false", System.getProperty("lariat.engine.mmap"));
        } finally {
            System.clearProperty("lariat.engine.mmap");
            restore("quarkus.http.port", port);
            restore("quarkus.http.host", host);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void aBadServeOptionIsOneLineAndExitTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, LariatServer.configure(new String[] {"--port", "70000"}, new ServeCommand(),
                new PrintWriter(out), new PrintWriter(err)));
        assertEquals("", out.toString());
        assertEquals("lariat: --port must be between 0 and 65535, got 70000\n", err.toString());
    }

    @Test
    void anOutOfRangePortIsRejected() {
        CliException e = org.junit.jupiter.api.Assertions.assertThrows(CliException.class,
                () -> serve("--port", "70000").validate());
        assertEquals("--port must be between 0 and 65535, got 70000", e.getMessage());
    }
}
