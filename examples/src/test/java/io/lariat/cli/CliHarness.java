package io.lariat.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Runs the CLI in-process with captured streams, a given environment and home folder. */
final class CliHarness {
    private CliHarness() {
    }

    /** The outcome of one command line. */
    record Result(int status, String out, String err) {
    }

    /**
     * Runs one command line. Without {@code LARIAT_HOST} in {@code env}, it points at a port nothing listens on, so
     * a server someone runs on this machine never answers a test.
     */
    static Result run(Map<String, String> env, Path home, String stdin, String... args) {
        if (!env.containsKey("LARIAT_HOST")) {
            env = new java.util.HashMap<>(env);
            env.put("LARIAT_HOST", "127.0.0.1:9");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        LariatCli.Console console = new LariatCli.Console(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), env, home);
        int status = LariatCli.execute(console, args);
        return new Result(status, out.toString(), err.toString());
    }

    static Result run(Path home, String... args) {
        return run(Map.of(), home, "", args);
    }

    /** A file of the shared test data; skips the test when it is absent. */
    static Path shared(String name) {
        Path file = Path.of(System.getProperty("lariat.shared.dir", "../../shared")).resolve("testdata")
                .resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared test data " + file + " is absent");
        return file;
    }
}
