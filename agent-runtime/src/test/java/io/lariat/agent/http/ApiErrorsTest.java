package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.nullValue;

/** Every bad input gets a 4xx with the dialect's own JSON error body, never a 500 or a stack trace. */
@QuarkusTest
class ApiErrorsTest {
    private static final String MODEL = ReplayModels.NAME;
    private static final String OVERSIZE = "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"user\", "
            + "\"content\": \"" + "x".repeat(70_000) + "\"}]}";

    @Inject
    ServedModels models;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    @BeforeEach
    void serve() {
        ReplayModels.serve(models, "never played");
    }

    @AfterEach
    void unregister() {
        models.remove(ReplayModels.NAME);
    }

    /** Path, body, status, OpenAI-style code (null for Ollama), message. */
    static Stream<Arguments> badRequests() {
        String user = "[{\"role\": \"user\", \"content\": \"Hi\"}]";
        return Stream.of(
                Arguments.of("/v1/chat/completions", "{\"model\": ", 400, "invalid_json",
                        "malformed JSON at line 1, column 11: the body ends early"),
                Arguments.of("/v1/chat/completions", "{\"model\" \"x\"}", 400, "invalid_json",
                        "malformed JSON at line 1, column 10"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"max_tokens\": 1.5}", 400, "invalid_type", "$.max_tokens: expected an integer"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"max_tokens\": \"10\"}", 400, "invalid_type", "$.max_tokens: expected an integer"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"stop\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}", 400, "invalid_value",
                        "$.stop: at most 4 stop sequences, got 5"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": "
                        + "[{\"role\": \"user\"}]}", 400, "invalid_value", "$.messages[0].content: required"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": "
                        + "[{\"role\": \"assistant\"}]}", 400, "invalid_value",
                        "$.messages[0].content: required unless the message has tool_calls"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\", "
                        + "\"parameters\": \"{}\"}}]}", 400, "invalid_value",
                        "$.tools[0].function.parameters: expected a JSON Schema object"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\", "
                        + "\"parameters\": {\"type\": \"string\"}}}]}", 400, "invalid_value",
                        "$.tools[0].function.parameters.type: expected \"object\": parameters are the schema of "
                                + "the arguments object"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"n\": 3}", 400, "invalid_value",
                        "$.n: only 1 choice per request is served, got 3; send 3 requests instead"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"top_logprobs\": 2}", 400, "invalid_value",
                        "$.top_logprobs: needs \"logprobs\": true"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"logprobs\": true, \"top_logprobs\": 21}", 400, "invalid_value",
                        "$.top_logprobs: must be within 0..20, got 21"),
                Arguments.of("/v1/completions", "{\"model\": \"" + MODEL + "\", \"prompt\": \"a\""
                        + ", \"logprobs\": 6}", 400, "invalid_value", "$.logprobs: must be within 0..5, got 6"),
                Arguments.of("/api/generate", "{\"model\": \"" + MODEL + "\", \"prompt\": \"a\""
                        + ", \"logprobs\": true, \"top_logprobs\": -1}", 400, null,
                        "$.top_logprobs: must be within 0..20, got -1"),
                Arguments.of("/api/chat", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"options\": {\"mirostat\": 2}}", 501, null,
                        "$.options.mirostat: the sampling option 'mirostat' (other than 0.0, which disables it) "
                                + "is not supported by Lariat"),
                Arguments.of("/api/chat", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"options\": {\"num_thread\": 2}}", 501, null,
                        "$.options.num_thread: setting 'num_thread' per request (the engine is configured once per "
                                + "server, e.g. lariat.threads) is not supported by Lariat"),
                Arguments.of("/api/chat", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"options\": {\"top_k\": 1.5}}", 400, null, "$.options.top_k: expected an integer"),
                Arguments.of("/api/chat", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"options\": {\"temprature\": 0.1}}", 400, null,
                        "$.options.temprature: not an option Ollama documents"),
                Arguments.of("/api/chat", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"keep_alive\": \"soon\"}", 400, null,
                        "$.keep_alive: expected seconds or a duration such as \"5m\", got \"soon\""),
                Arguments.of("/v1/chat/completions", "{\"model\": \"nope\", \"messages\": " + user + "}", 404,
                        "model_not_found", "model 'nope' not found: no model of that name is loaded; served models are [" + MODEL + "]"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"temperature\": \"hot\"}", 400, "invalid_type", "$.temperature: expected a number"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": \"Hi\"}", 400,
                        "invalid_value", "$.messages: expected an array of messages"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": []}", 400,
                        "invalid_value", "$.messages: must not be empty"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": "
                        + "\"tool\", \"tool_call_id\": \"call_1\", \"content\": \"21C\"}]}", 400, "invalid_value",
                        "$.messages[0].tool_call_id: 'call_1' answers no tool call of the preceding assistant "
                                + "message"),
                Arguments.of("/v1/chat/completions", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"tool_choice\": \"maybe\"}", 400, "invalid_value", "$.tool_choice: expected "
                        + "\"auto\", \"none\", \"required\" or a function, got \"maybe\""),
                Arguments.of("/v1/chat/completions", OVERSIZE, 413, "request_too_large",
                        "request body of " + OVERSIZE.length() + " bytes exceeds the limit of 65536 bytes"),
                Arguments.of("/api/chat", "{\"model\": \"x\", \"messages\": [", 400, null,
                        "malformed JSON at line 1, column 29: the body ends early"),
                Arguments.of("/api/chat", "[1, 2]", 400, null, "$: expected an object"),
                Arguments.of("/api/chat", "{\"model\": \"nope\", \"messages\": " + user + "}", 404, null,
                        "model 'nope' not found: no model of that name is loaded; served models are [" + MODEL + "]"),
                Arguments.of("/api/chat", "{\"model\": \"" + MODEL + "\", \"messages\": " + user
                        + ", \"stream\": \"yes\"}", 400, null, "$.stream: expected a boolean"),
                Arguments.of("/api/chat", "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"tool\", "
                        + "\"content\": \"21C\"}]}", 400, null,
                        "$.messages[0]: a tool message must answer a tool call of a preceding assistant message"),
                Arguments.of("/api/chat", "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"robot\", "
                        + "\"content\": \"hi\"}]}", 400, null,
                        "$.messages[0].role: expected system, user, assistant, tool or ipython, got \"robot\""),
                Arguments.of("/api/chat", OVERSIZE, 413, null,
                        "request body of " + OVERSIZE.length() + " bytes exceeds the limit of 65536 bytes"),
                Arguments.of("/api/show", "{\"model\": \"nope\"}", 404, null,
                        "model 'nope' not found: no model of that name is loaded; served models are [" + MODEL + "]"));
    }

    @ParameterizedTest(name = "{0} {2} {3}")
    @MethodSource("badRequests")
    void badRequestsGetTheDialectsErrorShape(String path, String body, int status, String code, String message) {
        var response = given().contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(status).contentType(ContentType.JSON);
        if (path.startsWith("/v1/")) {
            response.body("error.code", equalTo(code))
                    .body("error.type", equalTo(status == 404 ? "not_found_error" : "invalid_request_error"))
                    .body("error.message", equalTo(message));
        } else {
            response.body("error", equalTo(message));
        }
    }

    @org.junit.jupiter.api.Test
    void aTooLongRequestLineGetsA414InTheDialectsShape() {
        String query = "?q=" + "x".repeat(5000);
        int openAiLine = "GET /v1/models".length() + query.length() + " HTTP/1.1".length();
        given().get("/v1/models" + query).then().statusCode(414).contentType(ContentType.JSON)
                .body("error.code", equalTo("uri_too_long"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", equalTo("request line of " + openAiLine
                        + " bytes exceeds the limit of 4096 bytes"));
        int ollamaLine = "GET /api/tags".length() + query.length() + " HTTP/1.1".length();
        given().get("/api/tags" + query).then().statusCode(414).contentType(ContentType.JSON)
                .body("error", equalTo("request line of " + ollamaLine + " bytes exceeds the limit of 4096 bytes"));
    }

    /** Path prefix of a request line beyond Vert.x's parse limit, and the JSON error body it must get. */
    static Stream<Arguments> overlongLines() {
        String problem = "request line exceeds the limit of 4096 bytes";
        return Stream.of(
                Arguments.of("GET /v1/models", "{\"error\":{\"message\":\"" + problem + "\",\"type\":"
                        + "\"invalid_request_error\",\"param\":null,\"code\":\"uri_too_long\"}}"),
                Arguments.of("GET /api/tags", "{\"error\":\"" + problem + "\"}"),
                Arguments.of("POST /agents/weather/sessions", "{\"error\":{\"code\":\"uri_too_long\","
                        + "\"message\":\"" + problem + "\"}}"));
    }

    /**
     * A request line longer than 16 times the limit (64 KiB here) never reaches a route: Netty stops parsing it and
     * drops the path. It still gets the JSON body of the dialect its path begins with, and one log line.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("overlongLines")
    void aRequestLineBeyondVertxsParseLimitGetsTheDialectsBody(String start, String body) throws Exception {
        String line = start + "?q=" + "x".repeat(RequestLimits.PARSE_FACTOR * 4096) + " HTTP/1.1\r\n";
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = capture(logged);
        java.util.logging.Logger.getLogger("").addHandler(capture);
        String response;
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write((line + "Host: x\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            java.util.logging.Logger.getLogger("").removeHandler(capture);
        }
        assertTrue(response.startsWith("HTTP/1.1 414 Request-URI Too Long\r\n"), response);
        assertTrue(response.contains("\r\ncontent-type: application/json\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\n" + body), response);
        String path = start.substring(start.indexOf(' ') + 1);
        assertEquals(List.of(start.substring(0, start.indexOf(' ')) + " " + path + "... refused (414): request "
                + "line exceeds the limit of 4096 bytes"), logged.stream().map(ApiErrorsTest::formatted)
                .filter(m -> m.contains("refused")).toList());
    }

    @org.junit.jupiter.api.Test
    void theAgentApiGetsItsOwnShapeFor413And414() throws Exception {
        given().get("/agents" + "?q=" + "x".repeat(5000)).then().statusCode(414).contentType(ContentType.JSON)
                .body("error.code", equalTo("uri_too_long"))
                .body("error.message", equalTo("request line of " + ("GET /agents?q=".length() + 5000
                        + " HTTP/1.1".length()) + " bytes exceeds the limit of 4096 bytes"));
        given().contentType(ContentType.JSON).body(OVERSIZE).post("/agents/weather/sessions").then()
                .statusCode(413).contentType(ContentType.JSON).body("error.code", equalTo("request_too_large"))
                .body("error.message", equalTo("request body of " + OVERSIZE.length()
                        + " bytes exceeds the limit of 65536 bytes"));
        String chunked = chunkedPost("/agents/weather/sessions", OVERSIZE);
        assertTrue(chunked.startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), chunked);
        assertTrue(chunked.endsWith("\r\n\r\n{\"error\":{\"code\":\"request_too_large\",\"message\":\"request "
                + "body exceeds the limit of 65536 bytes\"}}"), chunked);
    }

    private static Handler capture(List<LogRecord> logged) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    @org.junit.jupiter.api.Test
    void anOversizedChunkedBodyGetsA413InTheDialectsShapeAndOneLogLine() throws Exception {
        String expected = "request body exceeds the limit of 65536 bytes";
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = capture(logged);
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        String ollama;
        String openAi;
        try {
            ollama = chunkedPost("/api/chat", OVERSIZE);
            openAi = chunkedPost("/v1/chat/completions", OVERSIZE);
            Thread.sleep(500);
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(ollama.startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), ollama);
        assertTrue(ollama.endsWith("\r\n\r\n{\"error\":\"" + expected + "\"}"), ollama);
        assertTrue(openAi.startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), openAi);
        assertTrue(openAi.endsWith("\r\n\r\n{\"error\":{\"message\":\"" + expected
                + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"request_too_large\"}}"),
                openAi);
        assertEquals(List.of("POST /api/chat refused (413): " + expected,
                "POST /v1/chat/completions refused (413): " + expected),
                logged.stream().map(r -> r.getMessage() == null ? "" : formatted(r)).toList());
        assertTrue(logged.stream().allMatch(r -> r.getThrown() == null));
    }

    @org.junit.jupiter.api.Test
    void aChunkedBodyWithinTheLimitIsRead() throws Exception {
        String response = chunkedPost("/api/show", "{\"model\": \"nope\"}");
        assertTrue(response.startsWith("HTTP/1.1 404 Not Found\r\n"), response);
        assertTrue(response.endsWith("{\"error\":\"model 'nope' not found: no model of that name is loaded; served "
                + "models are [" + MODEL + "]\"}"), response);
    }

    private static String formatted(LogRecord record) {
        return new java.util.logging.SimpleFormatter().formatMessage(record);
    }

    private String chunkedPost(String path, String body) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try {
                for (int at = 0; at < bytes.length; at += 8192) {
                    int n = Math.min(8192, bytes.length - at);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write(bytes, at, n);
                    out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (java.net.SocketException closedEarly) {
                // the server may answer and close before the whole body is sent
            }
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @org.junit.jupiter.api.Test
    void unknownRoutesAnswerInTheDialectOfTheirPrefix() {
        given().get("/v1/nothing").then().statusCode(404).body("error.type", equalTo("not_found_error"))
                .body("error.param", nullValue());
        given().get("/api/nothing").then().statusCode(404).body("error", equalTo("Not Found"));
    }
}
