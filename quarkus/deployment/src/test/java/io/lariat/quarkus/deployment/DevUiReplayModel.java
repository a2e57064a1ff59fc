package io.lariat.quarkus.deployment;

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
 * {@link DevUiTest}'s scripted model {@code replay:shop} (the demo model's tokenizer): one call of
 * {@code lookup_order}, then the answer; registered before the application preloads {@code lariat.model}.
 */
@ApplicationScoped
public class DevUiReplayModel {
    static final String CALL = "{\"name\": \"lookup_order\", \"parameters\": {\"id\": \"A-1\"}}<|eom_id|>";
    static final String ANSWER = "Order A-1 has shipped.";
    static final Path DEMO_MODEL = Path.of("../../examples/src/main/resources/models/lariat-demo.gguf")
            .toAbsolutePath().normalize();

    void register(@Observes @Priority(0) StartupEvent start, AgentRuntime runtime) {
        try (GgufFile gguf = GgufFile.open(DEMO_MODEL)) {
            runtime.models().register("replay:shop", new ReplayBackend(Tokenizer.fromGguf(gguf),
                    List.of(CALL, ANSWER), 8192, Duration.ofMillis(20)));
        }
    }
}
