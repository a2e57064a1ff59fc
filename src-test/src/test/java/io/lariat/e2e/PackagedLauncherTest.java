package io.lariat.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's main job as a user runs it: the {@code lariat} launcher against the packaged application
 * ({@code examples/target/quarkus-app}, which the reactor builds before this module's tests). The in-process
 * scenarios use the test classpath, which differs from the package's (it once lacked the configuration mappings
 * Quarkus generates at build time, and only the launcher failed), so this runs the real launcher in a child process.
 * {@code LARIAT_BUILD=0} keeps the launcher from rebuilding the project inside the test.
 */
class PackagedLauncherTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LAUNCHER = ROOT.resolve("lariat");
    private static final Path PACKAGE = ROOT.resolve("examples/target/quarkus-app/quarkus-run.jar");

    @TempDir
    static Path home;

    @BeforeAll
    static void packageBuilt() {
        assumeTrue(Files.isRegularFile(PACKAGE), "the packaged application " + PACKAGE + " is missing: run the"
                + " reactor's package phase (mvn verify) before this test");
    }

    @Test
    void theReadmesMainJobAnswersThroughThePackagedLauncher() throws Exception {
        Result result = run("agent", "calculator", "What is 345 + 678?");

        assertEquals(0, result.exit(), result.toString());
        assertEquals("345 + 678 = 1023.", result.stdout().strip(), result.toString());
        assertTrue(result.stderr().contains("wolfram_alpha"), "the tool call is shown on stderr: " + result);
    }

    @Test
    void anUnknownAgentIsOneLineAndANonZeroExit() throws Exception {
        Result result = run("agent", "no-such-agent", "hello");

        assertNotEquals(0, result.exit(), result.toString());
        assertEquals("", result.stdout(), result.toString());
        List<String> lines = result.stderr().strip().lines().toList();
        assertEquals(1, lines.size(), result.toString());
        assertTrue(lines.getFirst().contains("no-such-agent"), result.toString());
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().put("LARIAT_BUILD", "0");
        builder.environment().put("LARIAT_AOT", "0");
        // The prefix cache and model store go to a fresh folder: the user's own are never touched.
        builder.environment().put("HOME", home.toString());
        builder.environment().put("LARIAT_KV_PREFIX_DIR", home.resolve("kv").toString());
        builder.environment().put("LARIAT_MODELS", home.resolve("models").toString());
        builder.environment().remove("LARIAT_MODEL");
        builder.environment().remove("LARIAT_HOST");
        Path out = Files.createTempFile(home, "stdout", ".txt");
        Path err = Files.createTempFile(home, "stderr", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish in 5 minutes: " + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
