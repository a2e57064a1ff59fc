package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code lariat COMMAND --help}, {@code -h} and {@code lariat help COMMAND} for every command picocli knows, so a new
 * command is covered without touching this test.
 */
class CommandHelpTest {
    @TempDir
    Path home;

    /** Every command by its name (aliases once), with its one-line description. */
    static Stream<Arguments> commands() {
        LariatCli.Console console = new LariatCli.Console(System.in, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Map.of(), Path.of("."));
        return LariatCli.commandLine(console).getSubcommands().entrySet().stream()
                .filter(e -> e.getKey().equals(e.getValue().getCommandName()))
                .filter(e -> !(e.getValue().getCommand() instanceof CommandLine.HelpCommand))
                .flatMap(e -> Stream.of(List.of(e.getKey(), "--help"), List.of(e.getKey(), "-h"),
                        List.of("help", e.getKey())).map(args -> Arguments.of(e.getKey(),
                        e.getValue().getCommandSpec().usageMessage().description()[0], args)));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("commands")
    void describesTheCommandAndExitsZero(String command, String description, List<String> args) {
        CliHarness.Result r = CliHarness.run(Map.of(), home, "", args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("Usage: lariat " + command + " "), r.out());
        assertTrue(r.out().replaceAll("\\s+", " ").contains(description.replaceAll("\\s+", " ")), r.out());
        assertTrue(r.out().contains("-h, --help"), r.out());
    }
}
