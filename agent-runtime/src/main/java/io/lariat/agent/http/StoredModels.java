package io.lariat.agent.http;

import io.lariat.agent.config.LariatConfig;
import io.lariat.agent.store.ModelStores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.List;

/**
 * The model stores the HTTP model endpoints read and change: Lariat's ({@code LARIAT_MODELS}, else
 * {@code ~/.lariat/models}) and Ollama's ({@code OLLAMA_MODELS}, else {@code ~/.ollama/models}), as the CLI sees them,
 * and the registries {@code /api/pull} may download from.
 */
@ApplicationScoped
public class StoredModels {
    private final ModelStores stores = ModelStores.ofSystem();

    @Inject
    LariatConfig config;

    /** The stores of this process. */
    public ModelStores stores() {
        return stores;
    }

    /** The registries {@code /api/pull} may download from ({@code lariat.pull.registries}). */
    public List<URI> pullRegistries() {
        return config.pull().registries();
    }
}
