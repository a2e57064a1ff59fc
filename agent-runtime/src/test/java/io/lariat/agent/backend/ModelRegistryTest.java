package io.lariat.agent.backend;

import io.lariat.agent.ModelNotFoundException;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.engine.EngineOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelRegistryTest {
    private static final EmbeddedSettings SETTINGS = new EmbeddedSettings(256, 2, 4, 4, 64);

    @Test
    void unknownReferenceIsModelNotFound() {
        try (ModelRegistry registry = new ModelRegistry(EngineOptions.defaults(), SETTINGS)) {
            ModelNotFoundException ex = assertThrows(ModelNotFoundException.class,
                    () -> registry.backend("llama3.1:8b"));
            assertEquals("model 'llama3.1:8b' not found: no GGUF file " + Path.of("llama3.1:8b").toAbsolutePath(),
                    ex.getMessage());
            assertEquals("llama3.1:8b", ex.reference());
        }
    }

    @Test
    void ggufPathLoadsOnceAndIsShared() {
        String path = SharedTestData.file("tiny-llama31-q8_0.gguf").toString();
        try (ModelRegistry registry = new ModelRegistry(EngineOptions.defaults(), SETTINGS)) {
            ModelBackend backend = registry.backend(path);
            assertSame(backend, registry.backend(path));
            assertEquals("tiny-llama31-q8_0", backend.name());
            assertEquals(256, backend.contextSize());
        }
    }

    @Test
    void resolverMapsAStoreNameToItsFile() {
        Path file = SharedTestData.file("tiny-llama31-q8_0.gguf");
        try (ModelRegistry registry = new ModelRegistry(EngineOptions.defaults(), SETTINGS)) {
            registry.addResolver(ref -> ref.equals("tiny:latest") ? Optional.of(file) : Optional.empty());
            assertEquals("tiny-llama31-q8_0", registry.backend("tiny:latest").name());
            assertEquals(List.of("tiny:latest"), registry.loaded());
            ModelNotFoundException ex = assertThrows(ModelNotFoundException.class, () -> registry.backend("x:1"));
            assertEquals("model 'x:1' not found: no GGUF file " + Path.of("x:1").toAbsolutePath()
                    + "; no model store knows the name", ex.getMessage());
        }
    }

    @Test
    void namedBackendNeverOpensAFilePath() {
        String path = SharedTestData.file("tiny-llama31-q8_0.gguf").toString();
        try (ModelRegistry registry = new ModelRegistry(EngineOptions.defaults(), SETTINGS)) {
            ModelNotFoundException ex = assertThrows(ModelNotFoundException.class, () -> registry.namedBackend(path));
            assertEquals("model '" + path + "' not found: no model of that name is loaded", ex.getMessage());
            assertEquals(List.of(), registry.loaded());
        }
    }

    @Test
    void namedBackendFindsStoreNamesAndModelsTheOperatorLoaded() {
        Path file = SharedTestData.file("tiny-llama31-q8_0.gguf");
        try (ModelRegistry registry = new ModelRegistry(EngineOptions.defaults(), SETTINGS)) {
            registry.addResolver(ref -> ref.equals("tiny:latest") ? Optional.of(file) : Optional.empty());
            ModelBackend stored = registry.namedBackend("tiny:latest");
            assertEquals("tiny-llama31-q8_0", stored.name());
            ModelBackend configured = registry.backend(file.toString());
            assertSame(stored, configured, "one engine per file, whatever names it");
            assertSame(configured, registry.namedBackend(file.toString()));
            ModelNotFoundException ex = assertThrows(ModelNotFoundException.class,
                    () -> registry.namedBackend("x:1"));
            assertEquals("model 'x:1' not found: no model of that name is loaded or in the model store",
                    ex.getMessage());
        }
    }

    @Test
    void registeredBackendIsFoundByName() {
        try (ModelRegistry registry = new ModelRegistry(EngineOptions.defaults(), SETTINGS)) {
            ReplayBackend replay = ReplayBackend.of(SharedTestData.tokenizer(), "Hi.");
            registry.register("replay", replay);
            assertSame(replay, registry.backend("replay"));
            assertThrows(IllegalStateException.class, () -> registry.register("replay", replay));
        }
    }
}
