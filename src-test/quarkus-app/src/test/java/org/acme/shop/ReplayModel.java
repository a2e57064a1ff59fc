package org.acme.shop;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.Tokenizer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Serves a scripted model as {@code replay:shop} (with the demo model's Llama 3.1 tokenizer) before the application
 * preloads {@code lariat.model}; only the replay profile names it.
 */
@ApplicationScoped
public class ReplayModel {

    static final String NAME = "replay:shop";
    static final String CALL = "{\"name\": \"lookup_order\", \"parameters\": {\"orderId\": \"A-10234\"}}<|eom_id|>";
    static final String ANSWER = "Your desk lamp has shipped; it arrives on 2025-03-14.";

    void register(@Observes @Priority(0) StartupEvent start, AgentRuntime runtime) {
        try (GgufFile gguf = GgufFile.open(Path.of(System.getProperty("shop.demo-model")))) {
            runtime.models().register(NAME, new ReplayBackend(Tokenizer.fromGguf(gguf), List.of(CALL, ANSWER),
                    8192, Duration.ZERO));
        }
    }
}
