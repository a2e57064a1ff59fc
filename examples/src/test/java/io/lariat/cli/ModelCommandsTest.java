package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.agent.store.FakeStore;
import io.lariat.agent.store.LoopbackRegistry;
import io.lariat.agent.store.ModelName;
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
        String registryHost;
        try (LoopbackRegistry registry = new LoopbackRegistry()) {
            registry.publish("tiny", "latest", "{}".getBytes(StandardCharsets.UTF_8), gguf);
            registryHost = registry.uri().getAuthority();
            CliHarness.Result pull = CliHarness.run(env(), home, "", "pull", "tiny", "--registry",
                    registry.uri().toString());
            assertEquals(0, pull.status(), pull.err());
            assertEquals("pulled '" + registry.uri().getAuthority() + "/library/tiny:latest' (25.4 MB) into "
                    + home.resolve("lariat") + "\n", pull.out());
            assertTrue(pull.err().contains("pulling manifest\n"), pull.err());
            assertTrue(pull.err().contains("100% ▕█████████████████████████▏ 25.4 MB/25.4 MB"), pull.err());
            assertTrue(pull.err().endsWith("writing manifest\nsuccess\n"), pull.err());
        }
        String full = registryHost + "/library/tiny:latest";
        CliHarness.Result shortName = CliHarness.run(env(), home, "", "show", "tiny");
        assertEquals(1, shortName.status(), shortName.err());
        CliHarness.Result show = CliHarness.run(env(), home, "", "show", full);
        assertEquals(0, show.status(), show.err());
        CliHarness.Result rm = CliHarness.run(env(), home, "", "rm", full);
        assertEquals(0, rm.status(), rm.err());
        assertEquals("deleted '" + full + "'\n", rm.out());
        try (var blobs = Files.list(home.resolve("lariat/blobs"))) {
            assertEquals(0, blobs.count());
        }
        assertEquals(1, CliHarness.run(env(), home, "", "show", full).status());
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
        assertEquals("lariat: model 'llama3.1:8b' not found in " + home.resolve("lariat") + "; nothing was deleted "
                + "(it is in Ollama's store; remove it with: ollama rm llama3.1:8b)\n", r.err());
        assertTrue(Files.exists(home.resolve("ollama/manifests/registry.ollama.ai/library/llama3.1/8b")));
    }

    /** The reported bug: {@code rm someone/demo} deleted {@code 127.0.0.1:18091/library/demo:latest}. */
    @Test
    void rmOfAShortOrOtherNamespaceNameNeverDeletesAModelOfAnotherHost() throws Exception {
        Path other = addLariat("127.0.0.1:18091", "library", "demo", "latest", "other");
        for (String typed : List.of("someone/demo", "demo", "demo:latest")) {
            CliHarness.Result r = CliHarness.run(env(), home, "", "rm", typed);
            assertEquals(1, r.status(), typed);
            String meant = ModelName.parse(typed).display();
            assertEquals("lariat: model '" + typed + "' not found in " + home.resolve("lariat") + "; nothing was "
                    + "deleted; '" + meant + "' means registry.ollama.ai/" + (typed.contains("/") ? "" : "library/")
                    + meant + ", and a short name never matches another host or namespace: name one of "
                    + "127.0.0.1:18091/library/demo:latest in full\n", r.err());
            assertEquals("", r.out());
            assertTrue(Files.exists(other), typed);
        }
    }

    @Test
    void rmOfAnAbsentNameSaysSoAndDeletesNothing() {
        CliHarness.Result r = CliHarness.run(env(), home, "", "rm", "ghost");
        assertEquals(1, r.status());
        assertEquals("lariat: model 'ghost' not found in " + home.resolve("lariat") + "; nothing was deleted\n",
                r.err());
    }

    @Test
    void rmOfSeveralNamesDeletesNoneWhenOneIsMissing() throws Exception {
        Path kept = addLariat("registry.ollama.ai", "library", "keep", "latest", "keep");
        CliHarness.Result r = CliHarness.run(env(), home, "", "rm", "keep", "ghost");
        assertEquals(1, r.status());
        assertEquals("lariat: model 'ghost' not found in " + home.resolve("lariat") + "; nothing was deleted\n",
                r.err());
        assertTrue(Files.exists(kept));
    }

    @Test
    void rmMatchesFullyQualifiedAndShortNamesExactly() throws Exception {
        Path library = addLariat("registry.ollama.ai", "library", "demo", "latest", "library");
        Path mine = addLariat("registry.ollama.ai", "me", "demo", "latest", "mine");
        Path other = addLariat("127.0.0.1:18091", "library", "demo", "latest", "other");
        CliHarness.Result r = CliHarness.run(env(), home, "", "rm", "me/demo");
        assertEquals(0, r.status(), r.err());
        assertEquals("deleted 'me/demo:latest'\n", r.out());
        assertFalse(Files.exists(mine));
        assertTrue(Files.exists(library) && Files.exists(other));
        r = CliHarness.run(env(), home, "", "rm", "127.0.0.1:18091/library/demo:latest");
        assertEquals("deleted '127.0.0.1:18091/library/demo:latest'\n", r.out());
        assertFalse(Files.exists(other));
        r = CliHarness.run(env(), home, "", "rm", "demo");
        assertEquals("deleted 'demo:latest'\n", r.out());
        assertFalse(Files.exists(library));
    }

    /** Adds a model with its own GGUF bytes to Lariat's store; returns its manifest file. */
    private Path addLariat(String host, String namespace, String model, String tag, String body) throws Exception {
        Path gguf = Files.writeString(home.resolve(host.replace(':', '_') + namespace + model + tag + ".gguf"),
                "GGUF" + body);
        FakeStore.add(home.resolve("lariat"), host, namespace, model, tag, gguf);
        return home.resolve("lariat/manifests").resolve(host).resolve(namespace).resolve(model).resolve(tag);
    }
}
