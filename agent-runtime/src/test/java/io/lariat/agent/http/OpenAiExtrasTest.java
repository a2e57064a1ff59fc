package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;

import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.prompts.ChatFormat;
import io.lariat.prompts.SystemMessage;
import io.lariat.prompts.UserMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OpenAI's {@code /v1/models/{id}}, {@code /v1/completions} and the {@code developer} role. */
@QuarkusTest
class OpenAiExtrasTest {
    private static final String MODEL = ReplayModels.NAME;

    @Inject
    ServedModels models;

    @AfterEach
    void unregister() {
        models.remove(MODEL);
    }

    @Test
    void retrievesOneModelOrAnswers404() {
        ReplayModels.serve(models, "unused");
        given().get("/v1/models/" + MODEL).then().statusCode(200).body("id", equalTo(MODEL))
                .body("object", equalTo("model")).body("owned_by", equalTo("lariat"))
                .body("created", equalTo(1767323045));
        given().get("/v1/models/nope").then().statusCode(404).body("error.code", equalTo("model_not_found"));
    }

    @Test
    void completionContinuesThePromptAsGiven() {
        ReplayBackend backend = ReplayModels.serve(models, " blue.<|eot_id|>");
        given().contentType(ContentType.JSON).body("{\"model\": \"" + MODEL + "\", \"prompt\": \"The sky is\", "
                        + "\"max_tokens\": 5}").post("/v1/completions").then().statusCode(200)
                .body("object", equalTo("text_completion")).body("model", equalTo(MODEL))
                // the turn parser trims the leading space of a turn's text (see the closing note)
                .body("choices[0].text", equalTo("blue.")).body("choices[0].index", equalTo(0))
                .body("choices[0].logprobs", nullValue()).body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.completion_tokens", equalTo(3));
        int[] prompt = backend.prompts().getLast();
        assertEquals(SharedTestData.tokenizer().bosId(), prompt[0]);
        assertArrayEquals(SharedTestData.tokenizer().encode("The sky is"),
                java.util.Arrays.copyOfRange(prompt, 1, prompt.length));
    }

    @Test
    void completionStreamsTextChunksThenDone() {
        ReplayModels.serve(models, "Hello there!");
        String body = given().contentType(ContentType.JSON).body("{\"model\": \"" + MODEL + "\", \"prompt\": "
                        + "\"Say hi\", \"stream\": true, \"stream_options\": {\"include_usage\": true}}")
                .post("/v1/completions").then().statusCode(200).contentType("text/event-stream").extract().asString();
        List<String> frames = List.of(body.split("\n\n"));
        assertEquals("data: [DONE]", frames.getLast());
        StringBuilder text = new StringBuilder();
        frames.subList(0, frames.size() - 3).forEach(f -> text.append(io.restassured.path.json.JsonPath
                .from(f.substring("data: ".length())).getString("choices[0].text")));
        assertEquals("Hello there!", text.toString());
        assertTrue(frames.get(frames.size() - 3).contains("\"finish_reason\":\"stop\""), body);
        assertTrue(frames.get(frames.size() - 2).contains("\"completion_tokens\":4"), body);
    }

    @Test
    void unsupportedCompletionOptionsAnswer501() {
        ReplayModels.serve(models, "unused");
        given().contentType(ContentType.JSON).body("{\"model\": \"" + MODEL + "\", \"prompt\": \"x\", "
                        + "\"echo\": true}").post("/v1/completions").then().statusCode(501)
                .body("error.message", equalTo("$.echo: echoing the prompt is not supported by Lariat"));
        given().contentType(ContentType.JSON).body("{\"model\": \"" + MODEL + "\", \"prompt\": [\"a\", \"b\"]}")
                .post("/v1/completions").then().statusCode(400).body("error.message",
                        equalTo("$.prompt: one prompt per request is served, got 2; send 2 requests instead"));
    }

    @Test
    void developerRoleIsReadAsSystem() {
        ReplayBackend backend = ReplayModels.serve(models, "Ok.");
        given().contentType(ContentType.JSON).body("{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": "
                        + "\"developer\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": \"Hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.content", equalTo("Ok."));
        int[] expected = ChatFormat.builder().tokenizer(SharedTestData.tokenizer()).build()
                .render(List.of(new SystemMessage("Be brief."), new UserMessage("Hi")), true);
        assertArrayEquals(expected, backend.prompts().getLast());
    }
}
