package io.lariat.agent.http;

import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.chat.ModelDetails;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.testing.SharedTestData;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Registers scripted models for HTTP tests. */
final class ReplayModels {
    static final String NAME = "replay:test";
    static final ModelDetails DETAILS = new ModelDetails("gguf", "llama", "8.0B", "Q8_0", 1234, 131072,
            Instant.parse("2026-01-02T03:04:05Z"), "{{ messages }}", "llama3.1");

    private ReplayModels() {
    }

    /** Serves a {@link ReplayBackend} playing {@code outputs} as {@value #NAME}; skips without the vocabulary. */
    static ReplayBackend serve(ServedModels models, String... outputs) {
        return serve(models, Duration.ZERO, outputs);
    }

    /** As {@link #serve(ServedModels, String...)}, pausing {@code delay} before each token. */
    static ReplayBackend serve(ServedModels models, Duration delay, String... outputs) {
        return serve(models, new ReplayBackend(SharedTestData.tokenizer(), List.of(outputs), 8192, delay));
    }

    /** As {@link #serve(ServedModels, Duration, String...)}, admitting turns as a model's scheduler does. */
    static ReplayBackend serveQueued(ServedModels models, Duration delay, int maxActive, int queueCapacity,
                                     String... outputs) {
        return serve(models, new ReplayBackend(SharedTestData.tokenizer(), List.of(outputs), 8192, delay,
                new ReplayBackend.Queue(NAME, maxActive, queueCapacity)));
    }

    private static ReplayBackend serve(ServedModels models, ReplayBackend backend) {
        models.register(new ServedModel(NAME, backend, DETAILS));
        return backend;
    }
}
