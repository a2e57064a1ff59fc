package io.lariat.cli;

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
 * Serves a scripted model as {@value #NAME} (with the bundled demo model's Llama 3.1 tokenizer) before the server
 * preloads {@code lariat.model}: the calculator's call of one run, then its answer.
 */
@ApplicationScoped
public class ScriptedServerModel {

    static final String NAME = "replay:server";
    static final String CALL = "<|python_tag|>wolfram_alpha.call(query=\"17% of 2340\")<|eom_id|>";
    static final String ANSWER = "17% of 2340 is 397.8.";
    static final Path DEMO_MODEL = Path.of("src/main/resources/models/lariat-demo.gguf");

    void register(@Observes @Priority(0) StartupEvent start, AgentRuntime runtime) {
        try (GgufFile gguf = GgufFile.open(DEMO_MODEL)) {
            runtime.models().register(NAME, new ReplayBackend(Tokenizer.fromGguf(gguf), List.of(CALL, ANSWER),
                    8192, Duration.ZERO));
        }
    }
}
