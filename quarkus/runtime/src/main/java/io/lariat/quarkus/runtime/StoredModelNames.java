package io.lariat.quarkus.runtime;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.store.ModelStores;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Lets {@code lariat.model} (and {@code lariat.agents.<name>.model}) name a stored model in any application, as the
 * CLI does: Lariat's store ({@code LARIAT_MODELS}, default {@code ~/.lariat/models}), then Ollama's
 * ({@code OLLAMA_MODELS}, default {@code ~/.ollama/models}).
 */
@ApplicationScoped
public class StoredModelNames {

    /** Runs before the served models preload {@code lariat.model}, which may be a stored model's name. */
    void resolveStoredModels(@Observes @Priority(1) StartupEvent start, AgentRuntime runtime) {
        runtime.models().addResolver(ModelStores.ofSystem().resolver());
    }
}
