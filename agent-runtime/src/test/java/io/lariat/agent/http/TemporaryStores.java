package io.lariat.agent.http;

import io.lariat.agent.store.ModelStore;
import io.lariat.agent.store.ModelStores;
import io.quarkus.test.junit.QuarkusMock;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Replaces the server's model stores by empty temporary ones, and its allowed pull registries, for one test. */
final class TemporaryStores {
    private TemporaryStores() {
    }

    /** Installs fresh stores under a temporary folder; {@code /api/pull} may use {@code registries}. */
    static ModelStores install(List<URI> registries) throws IOException {
        Path root = Files.createTempDirectory("lariat-stores-test");
        ModelStores stores = new ModelStores(new ModelStore("lariat", root.resolve("lariat")),
                new ModelStore("ollama", root.resolve("ollama")));
        List<URI> allowed = List.copyOf(registries);
        QuarkusMock.installMockForType(new StoredModels() {
            @Override
            public ModelStores stores() {
                return stores;
            }

            @Override
            public List<URI> pullRegistries() {
                return allowed;
            }
        }, StoredModels.class);
        return stores;
    }
}
