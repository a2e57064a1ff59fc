package io.lariat.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import io.lariat.agent.store.ModelStores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code lariat} command line: the root command, its subcommands and the process exit.
 *
 * <p>Every failure ends as one line on stderr ({@code lariat: ...}) and a non-zero status: 2 for a usage error, 1
 * for anything else; {@code --debug} adds the stack trace. {@link #execute} runs in-process (tests);
 * {@link #main} is the only place that exits the JVM.
 */
@Command(name = "lariat", mixinStandardHelpOptions = true, versionProvider = LariatCli.Version.class,
        description = "Llama 3.1 tool-use agents in Java.",
        subcommands = {RunCommand.class, AgentCommand.class, ServeCommand.class, ListCommand.class,
                ShowCommand.class, PullCommand.class, RmCommand.class, TokenizeCommand.class, GgufCommand.class,
                LogitsCommand.class, BenchCommand.class, RenderCommand.class, ParseCommand.class, ToolCommand.class,
                ToolsCommand.class, EvalDemoCommand.class, CommandLine.HelpCommand.class})
public final class LariatCli implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    private final Console console;

    LariatCli(Console console) {
        this.console = console;
    }

    /** Runs the CLI and exits with its status. */
    public static void main(String[] args) {
        Console console = Console.system();
        int status = execute(console, args);
        console.out().flush();
        console.err().flush();
        System.exit(status);
    }

    /** Runs one command line with the given streams and returns its exit status. */
    static int execute(Console console, String... args) {
        return commandLine(console).execute(args);
    }

    /** The command tree on {@code console}, with the CLI's error handling. */
    static CommandLine commandLine(Console console) {
        LariatCli root = new LariatCli(console);
        CommandLine cli = new CommandLine(root);
        cli.getSubcommands().values().forEach(LariatCli::addHelpOption);
        cli.setOut(console.out()).setErr(console.err());
        cli.setParameterExceptionHandler(LariatCli::usageError);
        cli.setExecutionExceptionHandler((e, line, parsed) -> failure(e, root, console.err()));
        return cli;
    }

    /**
     * Gives a command {@code -h}/{@code --help}: it prints the command's usage and exits 0 without checking the
     * command's required parameters. Added here, once, so that no command can be without it.
     */
    static void addHelpOption(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
    }

    /** The streams commands read and write. */
    Console console() {
        return console;
    }

    /** Without a subcommand: the usage text. */
    @Override
    public void run() {
        new CommandLine(this).usage(console.out());
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("lariat: " + e.getMessage() + " (see --help)");
        if (((LariatCli) rootOf(e.getCommandLine()).getCommand()).debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return 2;
    }

    private static CommandLine rootOf(CommandLine line) {
        CommandLine root = line;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root;
    }

    private static int failure(Exception e, LariatCli root, PrintWriter err) {
        err.println("lariat: " + ErrorMessages.describe(e));
        if (root.debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof CliException cli ? cli.exitCode() : 1;
    }

    /** The version string of {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LariatCli.class.getPackage().getImplementationVersion();
            return new String[] {"lariat " + (version == null ? "0.1.0" : version)};
        }
    }

    /**
     * The streams of one CLI run.
     *
     * @param in  standard input (the {@code parse} command, interactive {@code run})
     * @param out results
     * @param err  diagnostics, progress and {@code --verbose} statistics
     * @param env  environment variables ({@code LARIAT_MODELS}, {@code OLLAMA_MODELS}, {@code LARIAT_REGISTRY})
     * @param home the user's home folder, where the model stores live by default
     */
    record Console(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env, Path home) {
        static Console system() {
            return new Console(System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8), System.getenv(),
                    Path.of(System.getProperty("user.home")));
        }

        /** The model stores this environment names. */
        ModelStores stores() {
            return ModelStores.of(env, home);
        }
    }
}
