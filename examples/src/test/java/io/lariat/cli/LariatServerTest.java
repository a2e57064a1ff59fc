package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.BindException;
import org.junit.jupiter.api.Test;
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

    @Test
    void anOutOfRangePortIsRejected() {
        CliException e = org.junit.jupiter.api.Assertions.assertThrows(CliException.class,
                () -> serve("--port", "70000").validate());
        assertEquals("--port must be between 0 and 65535, got 70000", e.getMessage());
    }
}
