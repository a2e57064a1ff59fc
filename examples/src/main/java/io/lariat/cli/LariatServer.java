package io.lariat.cli;

import io.lariat.agent.store.ModelStores;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The Quarkus application's entry point: {@code serve [--port N] [--host H] [--model MODEL]} maps its options onto
 * Quarkus configuration ({@code quarkus.http.port}, {@code quarkus.http.host}, {@code lariat.model}; a model name is
 * checked against the model stores and served under that name) and runs until stopped. Without {@code --model} or
 * {@code lariat.model} it serves the bundled demo model ({@link ServedDefaultModel}).
 *
 * <p>A bad option or a failed start (such as a port in use) is one line on stderr and a non-zero exit.
 */
@QuarkusMain
public class LariatServer implements QuarkusApplication {

    /** Starts the server; the launcher calls this for {@code lariat serve}. */
    public static void main(String... args) {
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        List<String> given = new ArrayList<>(Arrays.asList(args));
        if (!given.isEmpty() && "serve".equals(given.getFirst())) {
            given.removeFirst();
        }
        boolean debug = given.remove("--debug");
        String[] options = given.toArray(String[]::new);
        ServeCommand serve = new ServeCommand();
        int exit = configure(options, serve, new PrintWriter(System.out, true, StandardCharsets.UTF_8), err);
        if (exit >= 0) {
            System.exit(exit);
        }
        Quarkus.run(LariatServer.class, (status, failure) -> exit(status, failure, serve, debug, err), options);
    }

    /**
     * Reads {@code serve}'s options and maps them onto system properties for Quarkus.
     *
     * @return the status to exit with now ({@code 0} after printing the usage for {@code --help} or {@code -h},
     *         {@code 2} after one line on {@code err} for a bad option), or {@code -1} to start the server
     */
    static int configure(String[] options, ServeCommand serve, PrintWriter out, PrintWriter err) {
        try {
            CommandLine line = new CommandLine(serve).setCommandName("lariat serve");
            LariatCli.addHelpOption(line);
            if (line.parseArgs(options).isUsageHelpRequested()) {
                line.usage(out);
                out.flush();
                return 0;
            }
            serve.validate();
            System.setProperty("quarkus.http.port", Integer.toString(serve.port));
            System.setProperty("quarkus.http.host", serve.host);
            if (serve.precision != null) {
                System.setProperty("lariat.engine.precision", serve.precision.toLowerCase(java.util.Locale.ROOT));
            }
            if (serve.noMmap) {
                System.setProperty("lariat.engine.mmap", "false");
            }
            if (serve.model != null) {
                // resolved now, so that a wrong name is one line before start-up; a store name stays a name, so
                // that the model keeps it (and its SYSTEM and PARAMETERs) in every listing instead of its blob path
                Path file = ModelStores.ofSystem().resolve(serve.model);
                System.setProperty("lariat.model", Files.isRegularFile(Path.of(serve.model)) ? file.toString()
                        : serve.model);
            }
            return -1;
        } catch (RuntimeException e) {
            err.println("lariat: " + ErrorMessages.describe(e));
            err.flush();
            return 2;
        }
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }

    private static void exit(int status, Throwable failure, ServeCommand serve, boolean debug, PrintWriter err) {
        if (failure != null) {
            err.println("lariat: " + startFailure(failure, serve));
            if (debug) {
                failure.printStackTrace(err);
            }
        }
        err.flush();
        System.exit(failure != null && status == 0 ? 1 : status);
    }

    /** The root cause in words; a bind failure names the port. */
    static String startFailure(Throwable failure, ServeCommand serve) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Port already bound")) {
                return "port " + serve.port + " on " + serve.host + " is in use";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "the server failed to start: " + ErrorMessages.describe(root);
    }
}
