package io.lariat.agent.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.agent.backend.RemoteBackend;
import io.lariat.agent.backend.RemoteSettings;
import io.lariat.agent.chat.ModelDetails;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.testing.SharedTestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code logprobs} / {@code top_logprobs} in both dialects on the tiny random-weight Llama 3.1 model. Greedy decoding
 * picks the most likely token, so each token must head its own alternatives with the same log-probability; the same
 * conversation must give the same tokens in JSON, SSE and NDJSON; the tokens' bytes must spell the content.
 */
@QuarkusTest
class LogprobsTest {
    private static final String MODEL = "tiny-llama31-q8_0";
    private static final String REMOTE = "remote-logprobs";
    private static final String CHAT = """
            {"model": "%s", "messages": [{"role": "user", "content": "Hello"}], "max_tokens": 8, "temperature": 0,
             "logprobs": true, "top_logprobs": 3%s}""";

    @Inject
    ServedModels models;

    @BeforeEach
    void serveTiny() {
        assertEquals(MODEL, models.load(SharedTestData.file(MODEL + ".gguf").toString()).name());
    }

    @AfterEach
    void unload() {
        models.remove(MODEL);
        models.remove(REMOTE);
    }

    @Test
    void openAiChatReportsEachContentTokenWithItsAlternatives() {
        JsonNode body = SseFrames.parse(given().contentType(ContentType.JSON).body(CHAT.formatted(MODEL, ""))
                .post("/v1/chat/completions").then().statusCode(200).extract().asString());
        JsonNode choice = body.path("choices").get(0);
        List<JsonNode> tokens = list(choice.path("logprobs").path("content"));
        assertEquals(8, tokens.size(), choice.toString());
        assertGreedy(tokens, 3);
        assertEquals(choice.path("message").path("content").textValue().strip(), spelled(tokens).strip());
    }

    @Test
    void openAiStreamCarriesTheSameTokensChunkByChunk() {
        JsonNode whole = SseFrames.parse(given().contentType(ContentType.JSON).body(CHAT.formatted(MODEL, ""))
                .post("/v1/chat/completions").then().statusCode(200).extract().asString());
        String sse = given().contentType(ContentType.JSON).body(CHAT.formatted(MODEL, ", \"stream\": true"))
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        List<JsonNode> streamed = new ArrayList<>();
        for (SseFrames.Event event : SseFrames.events(sse)) {
            if (event.data().equals("[DONE]")) {
                continue;
            }
            JsonNode choice = event.json().path("choices").get(0);
            assertTrue(choice.has("logprobs"), "every chunk writes logprobs: " + event.data());
            if (choice.path("delta").has("content") && !choice.path("delta").path("content").textValue().isEmpty()) {
                streamed.addAll(list(choice.path("logprobs").path("content")));
            } else {
                assertTrue(choice.path("logprobs").isNull(), event.data());
            }
        }
        assertSameTokens(list(whole.path("choices").get(0).path("logprobs").path("content")), streamed);
    }

    @Test
    void withoutLogprobsTheChoiceSaysNull() {
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Hello"}], "max_tokens": 2}"""
                        .formatted(MODEL))
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].logprobs", nullValue());
    }

    @Test
    void ollamaChatAndGenerateReportTheSameTokensAsOpenAi() {
        JsonNode openAi = SseFrames.parse(given().contentType(ContentType.JSON).body(CHAT.formatted(MODEL, ""))
                .post("/v1/chat/completions").then().statusCode(200).extract().asString());
        List<JsonNode> expected = list(openAi.path("choices").get(0).path("logprobs").path("content"));
        String request = """
                {"model": "%s", "messages": [{"role": "user", "content": "Hello"}], "logprobs": true,
                 "top_logprobs": 3, "options": {"num_predict": 8, "temperature": 0}%s}""";
        JsonNode chat = SseFrames.parse(given().contentType(ContentType.JSON)
                .body(request.formatted(MODEL, ", \"stream\": false")).post("/api/chat").then().statusCode(200)
                .extract().asString());
        assertSameTokens(expected, list(chat.path("logprobs")));
        List<JsonNode> streamed = new ArrayList<>();
        for (JsonNode line : SseFrames.lines(given().contentType(ContentType.JSON).body(request.formatted(MODEL, ""))
                .post("/api/chat").then().statusCode(200).extract().asString())) {
            streamed.addAll(list(line.path("logprobs")));
        }
        assertSameTokens(expected, streamed);
        JsonNode generate = SseFrames.parse(given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "prompt": "Hello", "stream": false, "logprobs": true,
                         "options": {"num_predict": 8, "temperature": 0}}""".formatted(MODEL))
                .post("/api/generate").then().statusCode(200).extract().asString());
        List<JsonNode> tokens = list(generate.path("logprobs"));
        assertEquals(expected.stream().map(t -> t.path("token")).toList(),
                tokens.stream().map(t -> t.path("token")).toList(), "same conversation, same greedy tokens");
        tokens.forEach(t -> assertFalse(t.has("top_logprobs") && !t.path("top_logprobs").isEmpty(),
                "no alternatives unless asked: " + t));
    }

    @Test
    void legacyCompletionsGiveTheColumnsWithOffsetsAfterThePrompt() {
        JsonNode body = SseFrames.parse(given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "prompt": "Once upon", "max_tokens": 5, "temperature": 0, "logprobs": 2}"""
                        .formatted(MODEL))
                .post("/v1/completions").then().statusCode(200).extract().asString());
        JsonNode logprobs = body.path("choices").get(0).path("logprobs");
        int n = logprobs.path("tokens").size();
        assertEquals(5, n, body.toString());
        assertEquals(n, logprobs.path("token_logprobs").size());
        assertEquals(n, logprobs.path("top_logprobs").size());
        int offset = "Once upon".length();
        for (int i = 0; i < n; i++) {
            assertEquals(offset, logprobs.path("text_offset").get(i).intValue());
            offset += logprobs.path("tokens").get(i).textValue().length();
            JsonNode top = logprobs.path("top_logprobs").get(i);
            assertTrue(top.size() >= 1 && top.size() <= 2, top.toString());
            assertEquals(logprobs.path("token_logprobs").get(i).floatValue(),
                    top.path(logprobs.path("tokens").get(i).textValue()).floatValue(), "greedy: the top token");
        }
    }

    @Test
    void remoteModelsAnswer501NamingTheFeature() {
        RemoteSettings settings = new RemoteSettings(URI.create("http://127.0.0.1:9"), "m", null,
                RemoteSettings.Mode.CHAT, Duration.ofSeconds(1), 8192);
        models.register(new ServedModel(REMOTE, new RemoteBackend(settings, SharedTestData.tokenizer()),
                new ModelDetails("remote", "llama", "", "", 0, 8192, Instant.parse("2026-01-02T03:04:05Z"), "", "")));
        String message = "$.logprobs: returning log probabilities with model '" + REMOTE + "' (served by a remote "
                + "API, whose token probabilities Lariat does not read) is not supported by Lariat";
        given().contentType(ContentType.JSON).body(CHAT.formatted(REMOTE, ""))
                .post("/v1/chat/completions").then().statusCode(501)
                .body("error.param", equalTo("$.logprobs")).body("error.message", equalTo(message));
        given().contentType(ContentType.JSON).body("""
                        {"model": "%s", "messages": [{"role": "user", "content": "Hi"}], "logprobs": true}"""
                        .formatted(REMOTE))
                .post("/api/chat").then().statusCode(501).body("error", equalTo(message));
    }

    /**
     * The same tokens with the same alternatives; log-probabilities equal within float rounding, since a request
     * that reuses a cached prefix evaluates the rest in other batches (other summation orders).
     */
    private static void assertSameTokens(List<JsonNode> expected, List<JsonNode> actual) {
        assertEquals(expected.size(), actual.size(), actual.toString());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).path("token"), actual.get(i).path("token"));
            assertEquals(expected.get(i).path("bytes"), actual.get(i).path("bytes"));
            assertEquals(expected.get(i).path("logprob").doubleValue(), actual.get(i).path("logprob").doubleValue(),
                    1e-4);
            JsonNode top = expected.get(i).path("top_logprobs");
            assertEquals(top.size(), actual.get(i).path("top_logprobs").size());
            for (int j = 0; j < top.size(); j++) {
                assertEquals(top.get(j).path("token"), actual.get(i).path("top_logprobs").get(j).path("token"));
                assertEquals(top.get(j).path("logprob").doubleValue(),
                        actual.get(i).path("top_logprobs").get(j).path("logprob").doubleValue(), 1e-4);
            }
        }
    }

    /** Greedy decoding: each token heads its {@code k} alternatives with the same log-probability. */
    private static void assertGreedy(List<JsonNode> tokens, int k) {
        for (JsonNode token : tokens) {
            JsonNode top = token.path("top_logprobs");
            assertEquals(k, top.size(), token.toString());
            assertEquals(token.path("token"), top.get(0).path("token"), token.toString());
            assertEquals(token.path("logprob").floatValue(), top.get(0).path("logprob").floatValue());
            assertTrue(token.path("logprob").floatValue() <= 0f);
            assertTrue(top.get(1).path("logprob").floatValue() <= top.get(0).path("logprob").floatValue());
            assertEquals(token.path("token").textValue(), new String(bytes(token), StandardCharsets.UTF_8));
        }
    }

    /** The text the tokens' bytes spell together. */
    private static String spelled(List<JsonNode> tokens) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        tokens.forEach(t -> all.writeBytes(bytes(t)));
        return all.toString(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode token) {
        byte[] out = new byte[token.path("bytes").size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) token.path("bytes").get(i).intValue();
        }
        return out;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
