package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Health, Prometheus metrics and the OpenAPI document are served. */
@QuarkusTest
class ObservabilityTest {
    @Inject
    ServedModels models;

    @AfterEach
    void unregister() {
        models.remove(ReplayModels.NAME);
    }

    @Test
    void healthIsUp() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountGeneratedTokensAndTimeToFirstToken() {
        ReplayModels.serve(models, "Hello there!");
        given().contentType(ContentType.JSON).body(OpenAiResourceTest.chat("")).post("/v1/chat/completions")
                .then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("lariat_tokens_generated_total{model=\"replay:test\"}"))
                .body(containsString("lariat_time_to_first_token_seconds_count{model=\"replay:test\"}"))
                .body(containsString("lariat_generation_queue_depth"))
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void openApiDocumentListsEveryDialect() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", org.hamcrest.Matchers.hasItems("/v1/chat/completions", "/v1/models",
                        "/api/chat", "/api/generate", "/api/tags", "/api/show", "/api/version", "/agents",
                        "/agents/{name}/sessions/{id}/messages"));
    }
}
