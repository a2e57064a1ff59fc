package io.lariat.tools.builtin.calculator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import io.lariat.tools.BuiltinTools;
import io.lariat.tools.ToolContext;
import io.lariat.tools.ToolOptions;
import io.lariat.tools.ToolRegistry;
import io.lariat.tools.ToolResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WolframAlphaToolTest {

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private ToolRegistry registry;

    @BeforeEach
    void startFakeService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/llm-api", exchange -> {
            queries.add(URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
            String text = status == 200 ? "Result: 68.4 million people" : status == 501
                    ? "Wolfram|Alpha did not understand your input" : "internal error";
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/llm-api");
        WolframAlphaClient client = new WolframAlphaClient("TEST-APPID", endpoint, HttpClient.newHttpClient(),
                Duration.ofSeconds(5));
        registry = ToolRegistry.builder().builtin(new WolframAlphaTool(client))
                .options(ToolOptions.builder().maxRetries(0).breakerWindow(2).breakerFailureRatio(1.0).build())
                .build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ToolResult ask(String query) {
        return registry.invoke(BuiltinTools.CALCULATOR, JsonNodeFactory.instance.objectNode().put("query", query),
                ToolContext.standalone()).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void exactArithmeticStaysLocal() {
        assertEquals("{\"query\": \"2^10\", \"input\": \"2 ^ 10\", \"result\": \"1024\", \"exact\": true}",
                ask("2^10").content());
        assertEquals(List.of(), queries);
    }

    @Test
    void otherQuestionsGoToTheService() {
        assertEquals("Result: 68.4 million people", ask("population of France").content());
        assertEquals(List.of("input=population of France&appid=TEST-APPID&maxchars=4000"), queries);
    }

    @Test
    void uninterpretableQueryIsARefusalNotAnOutage() {
        status = 501;
        for (int i = 0; i < 3; i++) {
            assertEquals("tool 'wolfram_alpha': Wolfram Alpha cannot interpret the query: Wolfram|Alpha did not "
                    + "understand your input", ask("blorp the frobnicator").content());
        }
        assertEquals(3, queries.size());
    }

    @Test
    void serviceFailuresOpenTheBreaker() {
        status = 500;
        for (int i = 0; i < 2; i++) {
            assertEquals("tool 'wolfram_alpha' failed: RemoteServiceException: Wolfram Alpha (HTTP 500): "
                    + "internal error", ask("population of France").content());
        }
        assertEquals("tool 'wolfram_alpha' is unavailable after repeated failures (circuit breaker open); try "
                + "again later", ask("population of France").content());
        assertEquals(2, queries.size());
    }
}
