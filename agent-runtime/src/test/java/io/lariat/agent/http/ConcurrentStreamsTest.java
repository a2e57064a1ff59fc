package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 32 concurrent streaming clients against the tiny Llama 3.1 test model in the embedded engine (4 generating, 28
 * queued, with the default scheduler settings): every stream completes. Also logs requests/s and time to first token (measured, never asserted).
 */
@QuarkusTest
class ConcurrentStreamsTest {
    private static final Logger LOG = Logger.getLogger(ConcurrentStreamsTest.class);
    private static final String MODEL = "tiny-llama31-q8_0";
    private static final int CLIENTS = 32;

    @TestHTTPResource("/")
    URL base;

    static Path tinyModel() {
        return Path.of(System.getProperty("lariat.shared.dir", "../../shared"), "testdata", MODEL + ".gguf");
    }

    @Inject
    ServedModels models;

    /** Serves the tiny model by its path, as the operator may; skips when it is absent. */
    @BeforeEach
    void serveTinyModel() {
        Assumptions.assumeTrue(Files.isRegularFile(tinyModel()), "tiny test model " + tinyModel() + " is absent");
        assertEquals(MODEL, models.load(tinyModel().toString()).name());
    }

    @Test
    void thirtyTwoConcurrentStreamsAllComplete() throws Exception {
        given().get("/api/tags").then().statusCode(200).body("models[0].name", equalTo(MODEL))
                .body("models[0].details.quantization_level", equalTo("Q8_0"));
        // the first request builds the tokenizer and warms the JIT: not part of the figures
        assertEquals(200, StreamingLoad.run(base.toURI(), MODEL, 1, 2).clients().getFirst().status());
        StreamingLoad.Report single = StreamingLoad.run(base.toURI(), MODEL, 1, 16);
        assertEquals(200, single.clients().getFirst().status());
        StreamingLoad.Report report = StreamingLoad.run(base.toURI(), MODEL, CLIENTS, 16);
        for (StreamingLoad.ClientResult client : report.clients()) {
            assertEquals(200, client.status());
            assertTrue(client.done(), "stream ended without [DONE]: " + client);
            assertTrue(client.finishReason() != null, "stream without a finish chunk: " + client);
            assertTrue(client.chunks() >= 2, "stream without its role and finish chunks: " + client);
        }
        LOG.info("alone: " + single.summary());
        LOG.info("concurrent: " + report.summary());
    }

    @Test
    void ollamaChatStreamsFromTheEmbeddedModel() {
        String body = given().contentType("application/json").body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Hi"}],
                         "options": {"num_predict": 8, "temperature": 0}}""".formatted(MODEL))
                .post("/api/chat").then().statusCode(200).extract().asString();
        var last = SseFrames.lines(body).getLast();
        assertTrue(last.get("done").asBoolean());
        assertTrue(last.get("prompt_eval_count").asInt() > 0);
        assertTrue(last.get("eval_count").asInt() <= 8 + 1);
    }
}
