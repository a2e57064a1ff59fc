package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.cli.store.FakeStore;
import io.lariat.cli.store.LoopbackRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code list}, {@code show}, {@code pull} and {@code rm} over fake stores and a loopback registry. */
class ModelCommandsTest {
    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("LARIAT_MODELS", home.resolve("lariat").toString(), "OLLAMA_MODELS",
                home.resolve("ollama").toString());
    }

    @Test
    void listShowsBothStores() throws Exception {
        Path gguf = Files.writeString(home.resolve("a.gguf"), "GGUFa");
        FakeStore.add(home.resolve("lariat"), "registry.ollama.ai", "library", "mine", "q8", gguf);
        FakeStore.add(home.resolve("ollama"), "registry.ollama.ai", "library", "llama3.1", "8b", gguf);
        CliHarness.Result r = CliHarness.run(env(), home, "", "list");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("NAME "), r.out());
        assertTrue(lines.get(1).matches("mine:q8 +[0-9a-f]{12} +\\d+ B +lariat +\\d{4}-.*"), lines.get(1));
        assertTrue(lines.get(2).matches("llama3\\.1:8b +[0-9a-f]{12} +\\d+ B +ollama +\\d{4}-.*"), lines.get(2));
    }

    @Test
    void showReadsAModelFromTheOllamaStore() throws Exception {
        FakeStore.add(home.resolve("ollama"), "registry.ollama.ai", "library", "tiny", "latest",
                CliHarness.shared("tiny-llama31-q8_0.gguf"));
        CliHarness.Result r = CliHarness.run(env(), home, "", "show", "tiny");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("  Model\n    architecture        llama\n    parameters          "), r.out());
        assertTrue(r.out().contains("\n    context length      131072\n"), r.out());
        assertTrue(r.out().contains("\n    embedding length    64\n"), r.out());
        assertTrue(r.out().contains("\n    quantization        Q8_0\n"), r.out());
        assertTrue(r.out().contains("\n  Template\n    {{- bos_token }}\n"), r.out());
    }

    @Test
    void showOfAnUnknownModelIsOneLine() {
        CliHarness.Result r = CliHarness.run(env(), home, "", "show", "nope:7b");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("lariat: unknown model 'nope:7b': not a file, and not in "), r.err());
        assertEquals(1, r.err().lines().count());
    }

    @Test
    void pullThenRunFromTheStoreThenRemove() throws Exception {
        byte[] gguf = Files.readAllBytes(CliHarness.shared("tiny-llama31-q8_0.gguf"));
        try (LoopbackRegistry registry = new LoopbackRegistry()) {
            registry.publish("tiny", "latest", "{}".getBytes(StandardCharsets.UTF_8), gguf);
            CliHarness.Result pull = CliHarness.run(env(), home, "", "pull", "tiny", "--registry",
                    registry.uri().toString());
            assertEquals(0, pull.status(), pull.err());
            assertEquals("pulled '" + registry.uri().getAuthority() + "/library/tiny:latest' (25.4 MB) into "
                    + home.resolve("lariat") + "\n", pull.out());
            assertTrue(pull.err().contains("pulling manifest\n"), pull.err());
            assertTrue(pull.err().contains("100% ▕█████████████████████████▏ 25.4 MB/25.4 MB"), pull.err());
            assertTrue(pull.err().endsWith("writing manifest\nsuccess\n"), pull.err());
        }
        CliHarness.Result show = CliHarness.run(env(), home, "", "show", "tiny");
        assertEquals(0, show.status(), show.err());
        CliHarness.Result rm = CliHarness.run(env(), home, "", "rm", "tiny");
        assertEquals(0, rm.status(), rm.err());
        assertTrue(rm.out().startsWith("deleted '127.0.0.1:"), rm.out());
        try (var blobs = Files.list(home.resolve("lariat/blobs"))) {
            assertEquals(0, blobs.count());
        }
        assertEquals(1, CliHarness.run(env(), home, "", "show", "tiny").status());
    }

    @Test
    void pullUsesLariatRegistryFromTheEnvironmentAndReportsAnUnknownModel() throws Exception {
        try (LoopbackRegistry registry = new LoopbackRegistry()) {
            Map<String, String> env = new java.util.HashMap<>(env());
            env.put("LARIAT_REGISTRY", registry.uri().toString());
            CliHarness.Result r = CliHarness.run(env, home, "", "pull", "ghost:1b");
            assertEquals(1, r.status());
            assertTrue(r.err().endsWith("lariat: model 'ghost:1b' not found in registry " + registry.uri() + "\n"),
                    r.err());
        }
    }

    @Test
    void pullWithoutANetworkIsOneLine() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliHarness.Result r = CliHarness.run(env(), home, "", "pull", "tiny", "--registry",
                "http://127.0.0.1:" + port);
        assertEquals(1, r.status());
        assertEquals("pulling manifest\nlariat: cannot connect: connection refused\n", r.err());
    }

    @Test
    void rmRefusesModelsOfTheOllamaStore() throws Exception {
        Path gguf = Files.writeString(home.resolve("a.gguf"), "GGUFa");
        FakeStore.add(home.resolve("ollama"), "registry.ollama.ai", "library", "llama3.1", "8b", gguf);
        CliHarness.Result r = CliHarness.run(env(), home, "", "rm", "llama3.1:8b");
        assertEquals(1, r.status());
        assertEquals("lariat: model 'llama3.1:8b' not found in " + home.resolve("lariat") + " (it is in Ollama's "
                + "store; remove it with: ollama rm llama3.1:8b)\n", r.err());
        assertFalse(r.err().contains("\tat "));
    }
}
