package io.lariat.agent.http;

import io.lariat.agent.store.ModelStores;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The model stores the HTTP model endpoints read and change: Lariat's ({@code LARIAT_MODELS}, else
 * {@code ~/.lariat/models}) and Ollama's ({@code OLLAMA_MODELS}, else {@code ~/.ollama/models}), as the CLI sees them.
 */
@ApplicationScoped
public class StoredModels {
    private final ModelStores stores = ModelStores.ofSystem();

    /** The stores of this process. */
    public ModelStores stores() {
        return stores;
    }
}
