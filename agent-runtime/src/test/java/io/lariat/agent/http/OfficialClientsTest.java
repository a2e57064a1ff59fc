package io.lariat.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.config.LariatConfig;
import io.lariat.agent.store.FakeStore;
import io.lariat.agent.store.LoopbackRegistry;
import io.lariat.agent.store.ModelStores;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official {@code openai} and {@code ollama} npm clients, unchanged, against this server: each test runs one
 * scenario of {@code src/test/node/clients.mjs} with Node and asserts what the client returned. The clients are
 * installed once with {@code npm ci} from the committed lock file into {@code target/node-clients}; the tests skip,
 * saying why, when Node or npm is missing or the npm registry cannot be reached.
 */
@QuarkusTest
class OfficialClientsTest {
    private static final Path SOURCES = Path.of("src", "test", "node");
    private static final Path INSTALL = Path.of("target", "node-clients");
    private static final String CALL = "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eom_id|>";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Why the clients cannot run here, or "" when they can; computed once. */
    private static String unavailable;

    @Inject
    ServedModels models;

    @Inject
    LariatConfig config;

    private ModelStores stores;
    private LoopbackRegistry registry;

    @BeforeEach
    void clientsStoresAndRegistry() throws Exception {
        String reason = install();
        Assumptions.assumeTrue(reason.isEmpty(), reason);
        registry = new LoopbackRegistry();
        registry.publish("demo", "latest", "{}".getBytes(StandardCharsets.US_ASCII),
                "GGUF and a tiny model".getBytes(StandardCharsets.US_ASCII));
        List<java.net.URI> allowed = new ArrayList<>(config.pull().registries());
        allowed.add(registry.uri());
        stores = TemporaryStores.install(allowed);
    }

    @AfterEach
    void stop() {
        models.remove(ReplayModels.NAME);
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void openAiChatAndStreaming() throws Exception {
        ReplayModels.serve(models, "Hello there!", "Hello there!");
        JsonNode r = run("openai-chat", "");
        assertEquals("Hello there!", r.get("content").asText());
        assertEquals("stop", r.get("finish").asText());
        assertEquals("chat.completion", r.get("object").asText());
        assertEquals("Hello there!", r.get("streamed").asText());
        assertEquals("stop", r.get("streamFinish").asText());
        assertEquals(4, r.get("streamCompletionTokens").asInt(), r.toString());
    }

    @Test
    void openAiResponsesTextStreamCallContinuationAndStore() throws Exception {
        ReplayModels.serve(models, "Hello there!", "Hello there!", CALL, "Sunny in Paris.");
        JsonNode r = run("openai-responses", "");
        assertEquals("Hello there!", r.get("text").asText(), r.toString());
        assertEquals("completed", r.get("status").asText());
        assertEquals("response", r.get("object").asText());
        assertEquals("Hello there!", r.get("streamed").asText());
        assertEquals("response.created", r.at("/types/0").asText());
        assertEquals("response.completed", r.at("/types/" + (r.get("types").size() - 1)).asText());
        assertEquals("Hello there!", r.get("completedText").asText());
        assertEquals("get_weather", r.get("callName").asText());
        assertEquals("{\"city\":\"Paris\"}", r.get("callArguments").asText());
        assertEquals("Sunny in Paris.", r.get("answer").asText());
        assertEquals("Sunny in Paris.", r.get("retrievedText").asText());
        assertEquals("[\"function_call_output\"]", r.get("items").toString());
        assertEquals(404, r.at("/gone/status").asInt(), r.toString());
    }

    @Test
    void openAiToolCallsPlainAndStreamed() throws Exception {
        ReplayModels.serve(models, CALL, CALL);
        JsonNode r = run("openai-tools", "");
        assertEquals("tool_calls", r.get("finish").asText());
        assertEquals("function", r.get("type").asText());
        assertEquals("get_weather", r.get("name").asText());
        assertEquals("{\"city\":\"Paris\"}", r.get("arguments").asText());
        assertEquals("get_weather", r.get("streamedName").asText());
        assertEquals("{\"city\":\"Paris\"}", r.get("streamedArguments").asText());
    }

    /** The tiny random-weight model answers noise, so everything valid about these answers is the constraint's. */
    @Test
    void openAiStrictJsonSchemaAndStrictToolParsedByTheClient() throws Exception {
        JsonNode r = run("openai-structured", tinyModel());
        assertEquals("stop", r.get("finish").asText(), r.toString());
        assertForecast(r.get("parsed"));
        assertEquals("stop", r.get("streamFinish").asText(), r.toString());
        assertForecast(r.get("streamParsed"));
        assertEquals("tool_calls", r.get("toolFinish").asText(), r.toString());
        assertEquals("forecast", r.get("toolName").asText());
        assertForecast(r.get("toolArguments"));
    }

    @Test
    void openAiModelsListAndRetrieve() throws Exception {
        ReplayModels.serve(models);
        JsonNode r = run("openai-models", "");
        assertTrue(names(r.get("ids")).contains(ReplayModels.NAME), r.toString());
        assertEquals(ReplayModels.NAME, r.get("retrieved").asText());
        assertEquals(404, r.at("/absent/status").asInt());
        assertEquals("not_found_error", r.at("/absent/type").asText());
    }

    @Test
    void openAiEmbeddingsOfTheEmbeddedModel() throws Exception {
        String tiny = tinyModel();
        JsonNode r = run("openai-embeddings", tiny);
        assertEquals(2, r.get("count").asInt());
        assertEquals(64, r.get("dimensions").asInt(), r.toString());
        assertEquals(1.0, r.get("norm").asDouble());
        assertTrue(r.get("equal").asBoolean(), "equal texts give equal vectors (within float rounding): " + r);
    }

    @Test
    void openAiLogprobsOfTheEmbeddedModel() throws Exception {
        JsonNode r = run("openai-logprobs", tinyModel());
        assertEquals(5, r.get("count").asInt(), r.toString());
        assertEquals(2, r.get("top").asInt());
        assertTrue(r.get("greedy").asBoolean(), "greedy tokens head their alternatives: " + r);
        assertTrue(r.get("bytes").asBoolean(), r.toString());
        assertTrue(r.get("sameStreamed").asBoolean(), "the SSE chunks carry the same tokens: " + r);
        assertEquals(3, r.get("legacyTokens").asInt(), r.toString());
        assertEquals(9, r.get("legacyColumns").asInt(), r.toString());
    }

    @Test
    void ollamaLogprobsOfTheEmbeddedModel() throws Exception {
        JsonNode r = run("ollama-logprobs", tinyModel());
        assertEquals(5, r.get("count").asInt(), r.toString());
        assertEquals(2, r.get("top").asInt());
        assertTrue(r.get("sameStreamed").asBoolean(), "the NDJSON lines carry the same tokens: " + r);
        assertEquals(5, r.get("generated").asInt(), r.toString());
    }

    @Test
    void openAiErrorsHaveOpenAisShape() throws Exception {
        ReplayModels.serve(models);
        JsonNode r = run("openai-errors", "");
        assertEquals(400, r.at("/n/status").asInt());
        assertEquals("$.n: only 1 choice per request is served, got 2; send 2 requests instead",
                r.at("/n/message").asText());
        assertEquals("invalid_request_error", r.at("/n/type").asText());
        assertEquals("$.n", r.at("/n/param").asText());
        assertEquals(404, r.at("/model/status").asInt());
        assertEquals("model_not_found", r.at("/model/code").asText());
        assertEquals(501, r.at("/echo/status").asInt());
        assertEquals("$.echo: echoing the prompt is not supported by Lariat", r.at("/echo/message").asText());
        assertEquals("unsupported_feature", r.at("/echo/code").asText());
    }

    @Test
    void ollamaChatStreamingAndGenerate() throws Exception {
        ReplayModels.serve(models, "Bonjour", "Bonjour", "Bonjour");
        JsonNode r = run("ollama-chat", "");
        assertEquals("Bonjour", r.get("content").asText());
        assertTrue(r.get("done").asBoolean());
        assertEquals("stop", r.get("doneReason").asText());
        assertEquals("Bonjour", r.get("streamed").asText());
        assertTrue(r.get("streamDone").asBoolean());
        assertEquals("Bonjour", r.get("generated").asText());
    }

    @Test
    void ollamaToolCalls() throws Exception {
        ReplayModels.serve(models, CALL);
        JsonNode r = run("ollama-tools", "");
        assertEquals("get_weather", r.get("name").asText());
        assertEquals("Paris", r.at("/arguments/city").asText());
        assertEquals(0, r.get("index").asInt());
    }

    @Test
    void ollamaFormatSchemaAnswersParseAndValidate() throws Exception {
        JsonNode r = run("ollama-structured", tinyModel());
        for (String answer : List.of("chat", "generated", "streamed")) {
            assertForecast(r.get(answer));
        }
        assertEquals("stop", r.get("chatReason").asText(), r.toString());
        assertEquals("stop", r.get("generateReason").asText(), r.toString());
        assertEquals("stop", r.get("streamReason").asText(), r.toString());
    }

    @Test
    void ollamaListShowPsAndVersion() throws Exception {
        ReplayModels.serve(models);
        JsonNode r = run("ollama-models", "");
        assertTrue(names(r.get("names")).contains(ReplayModels.NAME), r.toString());
        assertEquals("llama", r.get("family").asText());
        assertEquals(List.of("completion", "tools"), names(r.get("capabilities")));
        assertEquals("Q8_0", r.get("quantization").asText());
        assertTrue(names(r.get("running")).contains(ReplayModels.NAME), r.toString());
        assertEquals(OllamaResource.VERSION, r.get("version").asText());
    }

    @Test
    void ollamaCopyAndDelete() throws Exception {
        Path gguf = Files.write(Files.createTempFile("theirs", ".gguf"),
                "GGUF theirs".getBytes(StandardCharsets.US_ASCII));
        FakeStore.add(stores.ollama().root(), "registry.ollama.ai", "library", "theirs", "7b", gguf);
        JsonNode r = run("ollama-copy-delete", "");
        assertTrue(names(r.get("copied")).containsAll(List.of("theirs:7b", "mine:1")), r.toString());
        assertTrue(!names(r.get("left")).contains("mine:1") && names(r.get("left")).contains("theirs:7b"),
                r.toString());
        assertEquals(404, r.at("/again/status").asInt());
        assertEquals("model 'mine:1' not found", r.at("/again/message").asText());
    }

    @Test
    void ollamaEmbedAndLegacyEmbeddings() throws Exception {
        JsonNode r = run("ollama-embed", tinyModel());
        assertEquals(2, r.get("count").asInt());
        assertEquals(64, r.get("dimensions").asInt(), r.toString());
        assertEquals(1.0, r.get("norm").asDouble());
        assertEquals(64, r.get("legacyDimensions").asInt());
    }

    @Test
    void ollamaPullsFromAnAllowedRegistryAndCreates() throws Exception {
        JsonNode r = run("ollama-pull-create", registry.uri().getAuthority());
        assertEquals("pulling manifest", r.get("first").asText());
        assertEquals("success", r.get("last").asText());
        assertEquals("GGUF and a tiny model".length(), r.get("bytes").asInt());
        assertEquals("success", r.get("created").asText());
        assertTrue(names(r.get("names")).containsAll(List.of("made:latest", registry.uri().getAuthority()
                + "/library/demo:latest")), r.toString());
    }

    @Test
    void ollamaErrorsHaveOllamasShape() throws Exception {
        JsonNode r = run("ollama-errors", "");
        assertEquals(501, r.at("/quantize/status").asInt());
        assertEquals("$.quantize: quantizing a model is not supported by Lariat", r.at("/quantize/message").asText());
        assertEquals("ResponseError", r.at("/quantize/name").asText());
        assertEquals(404, r.at("/model/status").asInt());
        assertEquals(403, r.at("/registry/status").asInt());
        assertTrue(r.at("/registry/message").asText().startsWith("pulling from https://evil.example is not "
                + "allowed"), r.toString());
        assertEquals(501, r.at("/push/status").asInt());
        assertEquals("/api/push: pushing models to a registry is not supported by Lariat",
                r.at("/push/message").asText());
    }

    private String tinyModel() {
        Path tiny = ConcurrentStreamsTest.tinyModel();
        Assumptions.assumeTrue(Files.isRegularFile(tiny), "tiny test model " + tiny + " is absent");
        return models.load(tiny.toString()).name();
    }

    /** A value of the scenarios' forecast schema: exactly its three properties, each within its bounds. */
    private static void assertForecast(JsonNode value) {
        assertTrue(value != null && value.isObject(), String.valueOf(value));
        List<String> keys = new ArrayList<>();
        value.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("days", "ok", "unit"), keys.stream().sorted().toList(), value.toString());
        assertTrue(List.of("celsius", "fahrenheit").contains(value.get("unit").asText()), value.toString());
        int days = value.get("days").asInt();
        assertTrue(value.get("days").isInt() && days >= 1 && days <= 14, value.toString());
        assertTrue(value.get("ok").isBoolean(), value.toString());
    }

    private static List<String> names(JsonNode array) {
        List<String> all = new ArrayList<>();
        array.forEach(n -> all.add(n.asText()));
        return all;
    }

    /** Runs one scenario; fails with the client's stderr when it does not finish cleanly. */
    private static JsonNode run(String scenario, String argument) throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "clients.mjs", scenario, "http://127.0.0.1:" + RestAssured.port,
                argument).directory(INSTALL.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
        node.getOutputStream().close();
        // generous: on a loaded machine one scenario has taken over a minute
        if (!node.waitFor(180, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor();
            throw new AssertionError(scenario + " did not finish within 180 s");
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, node.exitValue(), scenario + " failed: " + err + out);
        return JSON.readTree(out);
    }

    /** Installs the clients once; the reason they cannot run, or "". */
    private static synchronized String install() throws IOException, InterruptedException {
        if (unavailable == null) {
            unavailable = installClients();
        }
        return unavailable;
    }

    private static String installClients() throws IOException, InterruptedException {
        for (String tool : List.of("node", "npm")) {
            if (exec(List.of(tool, "--version"), Path.of("."), 30) == null) {
                return tool + " is not installed: the official npm clients cannot run";
            }
        }
        Files.createDirectories(INSTALL);
        Path lock = SOURCES.resolve("package-lock.json");
        Path installedLock = INSTALL.resolve("installed-package-lock.json");
        for (String file : List.of("package.json", "package-lock.json", "clients.mjs")) {
            Files.copy(SOURCES.resolve(file), INSTALL.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isRegularFile(installedLock) && Files.mismatch(lock, installedLock) == -1
                && Files.isDirectory(INSTALL.resolve("node_modules").resolve("openai"))) {
            return "";
        }
        String failed = exec(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), INSTALL, 240);
        if (failed == null) {
            return "npm ci of the official clients failed (is the npm registry reachable?)";
        }
        Files.copy(lock, installedLock, StandardCopyOption.REPLACE_EXISTING);
        return "";
    }

    /** The output of {@code command}, or null when it cannot start, fails or outlasts {@code seconds}. */
    private static String exec(List<String> command, Path folder, int seconds) throws InterruptedException {
        try {
            // output to a file: a full pipe would stop the process
            Path log = Files.createTempFile("lariat-npm", ".log");
            Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = Files.readString(log);
            Files.delete(log);
            return p.exitValue() == 0 ? out : null;
        } catch (IOException notInstalled) {
            return null;
        }
    }
}
