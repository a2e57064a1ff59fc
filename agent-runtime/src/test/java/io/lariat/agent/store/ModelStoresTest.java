package io.lariat.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lariat.agent.ModelNotFoundException;
import io.lariat.agent.backend.EmbeddedSettings;
import io.lariat.agent.backend.ModelRegistry;
import io.lariat.engine.EngineOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoresTest {
    @TempDir
    Path home;

    private Path gguf(String name, String body) throws Exception {
        return Files.writeString(home.resolve(name), "GGUF" + body);
    }

    @Test
    void aPathResolvesToItself() throws Exception {
        Path file = gguf("model.gguf", "x");
        assertEquals(file, ModelStores.of(Map.of(), home).resolve(file.toString()));
    }

    @Test
    void aNameResolvesInTheOllamaStoreUnderTheDefaultHome() throws Exception {
        Path file = gguf("a.gguf", "a");
        Path ollama = home.resolve(".ollama/models");
        FakeStore.add(ollama, "registry.ollama.ai", "library", "llama3.1", "8b", file);
        Path blob = ModelStores.of(Map.of(), home).resolve("llama3.1:8b");
        assertEquals(ollama.resolve("blobs").resolve(FakeStore.digest(Files.readAllBytes(file)).replace(':', '-')),
                blob);
    }

    @Test
    void lariatsStoreWinsOverOllamasAndEnvironmentVariablesMoveThem() throws Exception {
        Path lariat = home.resolve("l");
        Path ollama = home.resolve("o");
        FakeStore.add(lariat, "registry.ollama.ai", "library", "m", "latest", gguf("l.gguf", "lariat"));
        FakeStore.add(ollama, "registry.ollama.ai", "library", "m", "latest", gguf("o.gguf", "ollama"));
        ModelStores stores = ModelStores.of(Map.of("LARIAT_MODELS", lariat.toString(), "OLLAMA_MODELS",
                ollama.toString()), home);
        assertEquals("GGUFlariat", Files.readString(stores.resolve("m")));
        assertEquals(List.of("lariat", "ollama"), stores.list().stream().map(m -> m.store().label()).toList());
    }

    @Test
    void aShortNameNeverFindsAModelOfAnotherHostAndSaysWhichNamesExist() throws Exception {
        Path lariat = home.resolve(".lariat/models");
        FakeStore.add(lariat, "127.0.0.1:9999", "library", "tiny", "latest", gguf("t.gguf", "tiny"));
        ModelStores stores = ModelStores.of(Map.of(), home);
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> stores.resolve("tiny"));
        assertEquals("unknown model 'tiny': not a file, and not in " + lariat + " or " + home.resolve(".ollama/models")
                + "; 'tiny:latest' means registry.ollama.ai/library/tiny:latest, and a short name never matches "
                + "another host or namespace: name one of 127.0.0.1:9999/library/tiny:latest in full (try: lariat "
                + "pull tiny)", e.getMessage());
        assertEquals("GGUFtiny", Files.readString(stores.resolve("127.0.0.1:9999/library/tiny")));
        assertEquals(Optional.empty(), stores.resolver().resolve("tiny"));
        assertEquals(Optional.empty(), stores.resolver().resolve("someone/tiny"));
        assertEquals(Optional.of(stores.resolve("127.0.0.1:9999/library/tiny:latest")),
                stores.resolver().resolve("127.0.0.1:9999/library/tiny:latest"));
    }

    @Test
    void aNamespaceMatchesOnlyItself() throws Exception {
        Path lariat = home.resolve(".lariat/models");
        FakeStore.add(lariat, "registry.ollama.ai", "library", "demo", "latest", gguf("d.gguf", "library"));
        FakeStore.add(lariat, "registry.ollama.ai", "me", "demo", "latest", gguf("m.gguf", "mine"));
        ModelStores stores = ModelStores.of(Map.of(), home);
        assertEquals("GGUFlibrary", Files.readString(stores.resolve("demo")));
        assertEquals("GGUFmine", Files.readString(stores.resolve("me/demo")));
        assertEquals(List.of("me/demo:latest"), stores.namesakes(ModelName.parse("demo")).stream()
                .map(m -> m.name().display()).toList());
        assertThrows(ModelStoreException.class, () -> stores.resolve("someone/demo"));
        assertEquals(Optional.empty(), stores.resolver().resolve("./d.gguf"));
    }

    @Test
    void unknownNameSaysWhereItLooked() {
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> ModelStores.of(Map.of(), home).resolve("nope:1b"));
        assertEquals("unknown model 'nope:1b': not a file, and not in " + home.resolve(".lariat/models") + " or "
                + home.resolve(".ollama/models") + " (try: lariat pull nope:1b)", e.getMessage());
    }

    @Test
    void aModelRegistryThatCannotFindANameListsEveryPlaceItLooked() {
        try (ModelRegistry registry = new ModelRegistry(EngineOptions.defaults(),
                new EmbeddedSettings(256, 1, 1, 1, 64))) {
            registry.addResolver(ModelStores.of(Map.of("OLLAMA_MODELS", home.resolve("ollama").toString()), home)
                    .resolver());
            ModelNotFoundException e = assertThrows(ModelNotFoundException.class,
                    () -> registry.backend("llama3.1:8b"));
            assertEquals("model 'llama3.1:8b' not found: no GGUF file " + Path.of("llama3.1:8b").toAbsolutePath()
                    + "; no manifest " + home.resolve(".lariat/models/manifests/registry.ollama.ai/library/llama3.1/8b")
                    + " (Lariat's store); no manifest "
                    + home.resolve("ollama/manifests/registry.ollama.ai/library/llama3.1/8b") + " (Ollama's store)",
                    e.getMessage());
        }
    }

    @Test
    void aMissingBlobMakesTheModelIncomplete() throws Exception {
        Path file = gguf("gone.gguf", "gone");
        Path ollama = home.resolve(".ollama/models");
        FakeStore.add(ollama, "registry.ollama.ai", "library", "gone", "latest", file);
        Files.delete(file);
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> ModelStores.of(Map.of(), home).resolve("gone"));
        assertEquals(true, e.getMessage().startsWith("model 'gone' is incomplete: its blob "), e.getMessage());
    }

    @Test
    void namesParseWithOllamasDefaults() {
        assertEquals(new ModelName("registry.ollama.ai", "library", "llama3.1", "8b"), ModelName.parse("llama3.1:8b"));
        assertEquals(new ModelName("registry.ollama.ai", "me", "m", "latest"), ModelName.parse("me/m"));
        assertEquals(new ModelName("127.0.0.1:8080", "ns", "m", "q4"), ModelName.parse("127.0.0.1:8080/ns/m:q4"));
        assertEquals("me/m:latest", ModelName.parse("me/m").display());
        assertEquals("registry.ollama.ai/me/m:latest", ModelName.parse("me/m").full());
        assertThrows(ModelStoreException.class, () -> ModelName.parse("a/b/c/d"));
        assertThrows(ModelStoreException.class, () -> ModelName.parse("bad name"));
    }
}
