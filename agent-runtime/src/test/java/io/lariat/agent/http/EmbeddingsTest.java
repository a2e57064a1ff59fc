package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.chat.ServedModel;
import io.lariat.agent.chat.GgufDetails;

import io.lariat.agent.backend.EmbeddedBackend;
import io.lariat.agent.backend.EmbeddedSettings;
import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Embeddings of the tiny Llama 3.1 test model through {@code /api/embed}, {@code /api/embeddings} and
 * {@code /v1/embeddings}: one vector of the model's width per input, unit length where Ollama normalises, equal
 * texts giving equal vectors, and the options ({@code truncate}, {@code dimensions}, base64) as documented.
 */
@QuarkusTest
class EmbeddingsTest {
    private static final String MODEL = "tiny-llama31-q8_0";
    private static final String SHORT = "tiny-short:latest";

    @Inject
    ServedModels models;

    private int width;

    @BeforeEach
    void serveTinyModel() {
        Assumptions.assumeTrue(Files.isRegularFile(ConcurrentStreamsTest.tinyModel()),
                "tiny test model " + ConcurrentStreamsTest.tinyModel() + " is absent");
        ServedModel served = models.load(ConcurrentStreamsTest.tinyModel().toString());
        width = ((EmbeddedBackend) served.backend()).engine().config().dim();
    }

    @AfterEach
    void unregister() {
        models.remove(ReplayModels.NAME);
    }

    private static JsonPath post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void embedGivesOneUnitVectorPerInputAndEqualTextsEqualVectors() {
        JsonPath r = post("/api/embed", """
                {"model": "%s", "input": ["The sky is blue.", "Grass is green.", "The sky is blue."]}"""
                .formatted(MODEL));
        List<List<Float>> vectors = r.getList("embeddings");
        assertEquals(3, vectors.size());
        vectors.forEach(v -> assertEquals(width, v.size()));
        vectors.forEach(v -> assertEquals(1.0, norm(v), 1e-4));
        assertClose(vectors.get(0), vectors.get(2));
        assertNotEquals(vectors.get(0), vectors.get(1));
        assertEquals(MODEL, r.getString("model"));
        // each input is the begin-of-text token and its text's five tokens
        assertEquals(3 * 6, r.getInt("prompt_eval_count"));
        List<List<Float>> again = post("/api/embed", "{\"model\": \"%s\", \"input\": \"The sky is blue.\"}"
                .formatted(MODEL)).getList("embeddings");
        assertClose(vectors.getFirst(), again.getFirst());
    }

    @Test
    void legacyEmbeddingsAreNotNormalisedButPointTheSameWay() {
        List<Float> raw = post("/api/embeddings", "{\"model\": \"%s\", \"prompt\": \"The sky is blue.\"}"
                .formatted(MODEL)).getList("embedding");
        List<Float> unit = post("/api/embed", "{\"model\": \"%s\", \"input\": \"The sky is blue.\"}"
                .formatted(MODEL)).<List<Float>>getList("embeddings").getFirst();
        double n = norm(raw);
        assertNotEquals(1.0, n, 1e-3);
        for (int i = 0; i < width; i++) {
            assertEquals(unit.get(i), raw.get(i) / n, 1e-4, "component " + i);
        }
    }

    @Test
    void openAiEmbeddingsAsFloatsOrBase64WithDimensionsAndUsage() {
        JsonPath floats = post("/v1/embeddings", "{\"model\": \"%s\", \"input\": [\"a cat\", \"a dog\"]}"
                .formatted(MODEL));
        assertEquals("list", floats.getString("object"));
        assertEquals(List.of(0, 1), floats.getList("data.index"));
        assertEquals("embedding", floats.getString("data[0].object"));
        assertEquals(width, floats.getList("data[0].embedding").size());
        assertEquals(6, floats.getInt("usage.prompt_tokens"));
        String encoded = post("/v1/embeddings", ("{\"model\": \"%s\", \"input\": \"a cat\", \"encoding_format\": "
                + "\"base64\"}").formatted(MODEL)).getString("data[0].embedding");
        var buffer = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
        List<Float> fromBase64 = new java.util.ArrayList<>();
        while (buffer.hasRemaining()) {
            fromBase64.add(buffer.get());
        }
        assertClose(floats.getList("data[0].embedding"), fromBase64);
        List<Float> eight = post("/v1/embeddings", "{\"model\": \"%s\", \"input\": \"a cat\", \"dimensions\": 8}"
                .formatted(MODEL)).getList("data[0].embedding");
        assertEquals(8, eight.size());
        assertEquals(1.0, norm(eight), 1e-4);
    }

    @Test
    void tooLongInputIsCutUnlessTruncateIsFalse() {
        // the same file served with a 64-token context, so that a long input stays cheap
        LlamaEngine engine = LlamaEngine.load(ConcurrentStreamsTest.tinyModel(), EngineOptions.builder().threads(2)
                .build());
        models.register(new ServedModel(SHORT, new EmbeddedBackend(SHORT, engine, new EmbeddedSettings(64, 1, 1, 1, 64)),
                GgufDetails.of(engine)));
        try {
            // "word" and 99 " word"s, a trailing space, and the begin-of-text token
            String longText = "word ".repeat(100);
            assertEquals(64, post("/api/embed", "{\"model\": \"%s\", \"input\": \"%s\"}".formatted(SHORT, longText))
                    .getInt("prompt_eval_count"));
            given().contentType(ContentType.JSON).body("{\"model\": \"%s\", \"input\": \"%s\", \"truncate\": false}"
                            .formatted(SHORT, longText)).post("/api/embed").then().statusCode(400)
                    .body("error", equalTo("$.input[0]: input of 102 tokens exceeds the context length of 64 "
                            + "(truncate is false)"));
        } finally {
            models.remove(SHORT);
        }
    }

    @Test
    void aModelTheEngineDoesNotRunAnswers501() {
        ReplayModels.serve(models, "unused");
        given().contentType(ContentType.JSON).body("{\"model\": \"replay:test\", \"input\": \"hi\"}")
                .post("/v1/embeddings").then().statusCode(501).body("error.code", equalTo("unsupported_feature"))
                .body("error.message", equalTo("$.model: computing embeddings with model 'replay:test', which is "
                        + "not run by the embedded engine, is not supported by Lariat"));
    }

    private static double norm(List<? extends Number> v) {
        double sum = 0;
        for (Number x : v) {
            sum += x.doubleValue() * x.doubleValue();
        }
        return Math.sqrt(sum);
    }

    private static void assertClose(List<? extends Number> a, List<? extends Number> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).doubleValue(), b.get(i).doubleValue(), 1e-5, "component " + i);
        }
    }
}
