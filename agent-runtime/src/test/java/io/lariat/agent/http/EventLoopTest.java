package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.ModelDetails;

import io.lariat.agent.backend.ForwardingBackend;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.engine.tokenizer.Tokenizer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Context;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The work a request does before its first byte (finding and loading the model, building its tokenizer, rendering
 * the prompt) never runs on the Vert.x event loop: before, resource methods returning a stream ran there although
 * marked {@code @RunOnVirtualThread} (and eight ERROR lines at start said so), so the first request that loaded a
 * model stalled every connection of that loop.
 */
@QuarkusTest
class EventLoopTest {
    @Inject
    ServedModels models;

    @AfterEach
    void unregister() {
        models.remove(ReplayModels.NAME);
    }

    @ParameterizedTest
    @CsvSource({
            "/api/chat, '{\"model\": \"replay:test\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}'",
            "/api/generate, '{\"model\": \"replay:test\", \"prompt\": \"Hi\"}'",
            "/v1/chat/completions, '{\"model\": \"replay:test\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}'"})
    void requestWorkBeforeTheFirstByteRunsOffTheEventLoop(String path, String body) {
        ThreadRecordingBackend backend = new ThreadRecordingBackend(ReplayBackend.of(SharedTestData.tokenizer(), "Hi!"));
        models.register(new ServedModel(ReplayModels.NAME, backend, new ModelDetails("gguf", "llama", "8.0B", "Q8_0",
                1, 8192, Instant.EPOCH, null, null)));
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(200);
        assertEquals(Set.of("virtual"), backend.threads);
    }

    /** Records on which kind of thread the tokenizer is asked for. */
    private static final class ThreadRecordingBackend implements ForwardingBackend {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        private final ModelBackend delegate;

        ThreadRecordingBackend(ModelBackend delegate) {
            this.delegate = delegate;
        }

        @Override
        public ModelBackend delegate() {
            return delegate;
        }

        @Override
        public String name() {
            return ReplayModels.NAME;
        }

        @Override
        public Tokenizer tokenizer() {
            threads.add(Context.isOnEventLoopThread() ? "event loop"
                    : Thread.currentThread().isVirtual() ? "virtual" : "worker " + Thread.currentThread().getName());
            return delegate.tokenizer();
        }
    }
}
