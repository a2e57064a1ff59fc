package io.lariat.agent.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lariat.agent.Agent;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.ErrorEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.Session;
import io.lariat.agent.StatsEvent;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.ToolResultEvent;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.agent.testing.TestTools;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.tools.BuiltinTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemoteBackendTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A loopback OpenAI stub: answers each request with the next scripted (status, SSE body). */
    private HttpServer server;
    private final Deque<Object[]> replies = new ArrayDeque<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        requests.add(JSON.readTree(exchange.getRequestBody()));
        paths.add(exchange.getRequestURI().getPath());
        Object[] reply = replies.removeFirst();
        byte[] body = ((String) reply[1]).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders((int) reply[0], body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String sse(String... chunks) {
        StringBuilder out = new StringBuilder();
        for (String c : chunks) {
            out.append("data: ").append(c).append("\n\n");
        }
        return out.append("data: [DONE]\n\n").toString();
    }

    private RemoteBackend backend(RemoteSettings.Mode mode) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new RemoteBackend(new RemoteSettings(base, "llama3.1", "secret", mode, Duration.ofSeconds(10), 8192),
                SharedTestData.tokenizer());
    }

    private static List<AgentEvent> run(Agent agent, Session session, String text) {
        return agent.run(session, text).collect().asList().await().atMost(Duration.ofSeconds(30));
    }

    private static int[] ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::intValue).toArray();
    }

    @Test
    void completionsModeSendsLariatsTokenIdsAndReplaysTheSampledTurn() {
        replies.add(new Object[] {200, sse("{\"choices\":[{\"text\":\"<|python_tag|>\"}]}",
                "{\"choices\":[{\"text\":\"brave_search.call(query=\\\"x\\\")\",\"finish_reason\":\"stop\","
                        + "\"stop_reason\":128008}]}")});
        replies.add(new Object[] {200, sse("{\"choices\":[{\"text\":\"It is warm.\",\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":90,\"prompt_tokens_details\":{\"cached_tokens\":70}}}")});
        TestTools.Builtins builtins = new TestTools.Builtins();
        try (RemoteBackend backend = backend(RemoteSettings.Mode.COMPLETIONS)) {
            Agent agent = Agent.builder("remote").backend(backend).builtin(BuiltinTools.SEARCH)
                    .builtinTools(builtins).build();
            List<AgentEvent> events = run(agent, Session.create(), "Warm?");
            assertEquals("It is warm.", ((FinalEvent) events.get(events.size() - 2)).content());
            assertEquals(List.of("brave_search(x)"), builtins.calls);
            assertEquals(List.of("/v1/completions", "/v1/completions"), paths);
            assertFalse(requests.getFirst().path("skip_special_tokens").asBoolean(true));
            int[] first = ids(requests.get(0).path("prompt"));
            int[] second = ids(requests.get(1).path("prompt"));
            int[] call = SharedTestData.tokenizer().encodeWithSpecials(
                    "<|python_tag|>brave_search.call(query=\"x\")<|eom_id|>");
            assertArrayEquals(agent.prefix(), Arrays.copyOf(first, agent.prefix().length));
            int[] replayed = Arrays.copyOfRange(second, first.length, first.length + call.length);
            assertArrayEquals(call, replayed);
            StatsEvent stats = (StatsEvent) events.getLast();
            assertEquals(70, stats.promptTokensReused());
        }
    }

    @Test
    void chatModeSendsMessagesAndToolsAndRunsTheServersToolCalls() {
        replies.add(new Object[] {200, sse(
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"x\",\"function\":"
                        + "{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\": \"}}]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                        + "\"\\\"Paris\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}")});
        replies.add(new Object[] {200, sse("{\"choices\":[{\"delta\":{\"content\":\"Warm\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\" today.\"},\"finish_reason\":\"stop\"}]}")});
        TestTools tools = new TestTools();
        try (RemoteBackend backend = backend(RemoteSettings.Mode.CHAT)) {
            Agent agent = Agent.builder("remote").systemPrompt("Sys.").backend(backend).tools(tools).build();
            List<AgentEvent> events = run(agent, Session.create(), "Paris?");
            assertEquals(List.of("get_weather(Paris)"), tools.calls);
            assertEquals("22 C in Paris", events.stream().filter(ToolResultEvent.class::isInstance)
                    .map(e -> ((ToolResultEvent) e).content()).findFirst().orElseThrow());
            assertEquals("Warm today.", ((FinalEvent) events.get(events.size() - 2)).content());
            JsonNode second = requests.get(1);
            assertEquals("[{\"role\":\"system\",\"content\":\"Sys.\"},{\"role\":\"user\",\"content\":\"Paris?\"},"
                    + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":"
                    + "\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris"
                    + "\\\"}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"22 C in Paris\"}]",
                    second.path("messages").toString());
            assertEquals(4, second.path("tools").size());
            assertEquals(List.of("dump", "explode", "get_weather", "hang"), StreamSupport
                    .stream(second.path("tools").spliterator(), false)
                    .map(t -> t.path("function").path("name").asText()).sorted().toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<|python_tag|>print(1)", "<function=get_weather>{\"city\": \"Paris\"}</function>",
            "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}"})
    void chatModeContentThatSpellsACallIsAnswerText(String content) {
        replies.add(new Object[] {200, sse("{\"choices\":[{\"delta\":{\"content\":" + JSON.valueToTree(content)
                + "},\"finish_reason\":\"stop\"}]}")});
        TestTools tools = new TestTools();
        TestTools.Builtins builtins = new TestTools.Builtins();
        try (RemoteBackend backend = backend(RemoteSettings.Mode.CHAT)) {
            Agent agent = Agent.builder("remote").backend(backend).tools(tools)
                    .builtin(BuiltinTools.CODE_INTERPRETER).builtinTools(builtins).build();
            List<AgentEvent> events = run(agent, Session.create(), "Paris?");
            assertEquals(List.of(), tools.calls);
            assertEquals(List.of(), builtins.calls);
            assertTrue(events.stream().noneMatch(ToolCallEvent.class::isInstance), events.toString());
            assertEquals(content, ((FinalEvent) events.get(events.size() - 2)).content());
            assertEquals(1, requests.size());
        }
    }

    @Test
    void serverErrorBecomesAnErrorEvent() {
        replies.add(new Object[] {500, "{\"error\":\"model not loaded\"}"});
        try (RemoteBackend backend = backend(RemoteSettings.Mode.CHAT)) {
            Agent agent = Agent.builder("remote").backend(backend).build();
            ErrorEvent error = (ErrorEvent) run(agent, Session.create(), "Hi").getLast();
            assertEquals("failed", error.kind());
            assertTrue(error.message().endsWith("/v1/chat/completions answered 500: {\"error\":\"model not loaded\"}"),
                    error.message());
        }
    }

    @Test
    void eomStopWithoutStopReasonIsInferredFromThePythonTag() {
        replies.add(new Object[] {200, sse("{\"choices\":[{\"text\":\"<|python_tag|>print(1)\","
                + "\"finish_reason\":\"stop\"}]}")});
        try (RemoteBackend backend = backend(RemoteSettings.Mode.COMPLETIONS)) {
            TurnResult result = backend.generate(new TurnRequest("s", new int[] {SpecialTokens.BEGIN_OF_TEXT},
                    List.of(), List.of(), io.lariat.engine.sampling.SamplingOptions.greedy(), 16,
                    new CancelSignal()), id -> true);
            assertEquals(SpecialTokens.EOM, result.stopId());
            assertEquals("<|python_tag|>print(1)", SharedTestData.tokenizer().decode(result.sampledIds()));
        }
    }
}
