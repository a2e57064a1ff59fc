package io.lariat.agent.http;

import io.lariat.agent.config.LariatConfig;
import io.lariat.agent.store.FakeStore;
import io.lariat.agent.store.LoopbackRegistry;
import io.lariat.agent.store.ModelName;
import io.lariat.agent.store.ModelStores;
import io.lariat.agent.store.Modelfile;
import io.lariat.agent.store.StoredModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/pull}, {@code /api/create} and {@code /api/blobs/:digest} over a loopback registry and fresh stores. */
@QuarkusTest
class OllamaPullCreateTest {
    /** Enough of a GGUF file for the store: the magic and some bytes. */
    private static final byte[] GGUF = "GGUF and the rest of a tiny model".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONFIG = "{\"model_format\":\"gguf\"}".getBytes(StandardCharsets.US_ASCII);

    @Inject
    LariatConfig config;

    private LoopbackRegistry registry;
    private ModelStores stores;

    @BeforeEach
    void storesAndRegistry() throws Exception {
        registry = new LoopbackRegistry();
        registry.publish("demo", "latest", CONFIG, GGUF);
        List<URI> allowed = new ArrayList<>(config.pull().registries());
        allowed.add(registry.uri());
        stores = TemporaryStores.install(allowed);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private String host() {
        return registry.uri().getAuthority();
    }

    @Test
    void byDefaultOnlyOllamasRegistryIsAllowed() {
        assertEquals(List.of(URI.create("https://registry.ollama.ai")), config.pull().registries());
    }

    @Test
    void pullStreamsOllamasProgressObjectsAndStoresTheModel() {
        String body = given().contentType(ContentType.JSON).body("{\"model\": \"" + host() + "/library/demo\", "
                + "\"insecure\": true}").post("/api/pull").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        List<String> lines = body.lines().toList();
        String model = FakeStore.digest(GGUF);
        assertEquals("{\"status\":\"pulling manifest\"}", lines.getFirst());
        assertTrue(lines.contains("{\"status\":\"pulling " + model.substring(7, 19) + "\",\"digest\":\"" + model
                + "\",\"total\":" + GGUF.length + ",\"completed\":" + GGUF.length + "}"), body);
        assertTrue(lines.contains("{\"status\":\"verifying sha256 digest\"}"), body);
        assertEquals(List.of("{\"status\":\"writing manifest\"}", "{\"status\":\"success\"}"),
                lines.subList(lines.size() - 2, lines.size()));
        StoredModel stored = stores.lariat().find(ModelName.parse(host() + "/library/demo")).orElseThrow();
        assertEquals(model, stored.manifest().modelLayer().orElseThrow().digest());
        given().get("/api/tags").then().body("models.name", org.hamcrest.Matchers.hasItem(host()
                + "/library/demo:latest"));
    }

    @Test
    void pullWithoutStreamingAnswersOneStatus() {
        given().contentType(ContentType.JSON).body("{\"model\": \"" + host() + "/library/demo\", \"insecure\": true, "
                + "\"stream\": false}").post("/api/pull").then().statusCode(200).contentType(ContentType.JSON)
                .body(equalTo("{\"status\":\"success\"}"));
    }

    @Test
    void aRegistryTheOperatorDidNotAllowIsRefusedBeforeAnyRequest() {
        // the same registry over https is another origin: not in the list
        given().contentType(ContentType.JSON).body("{\"model\": \"" + host() + "/library/demo\"}")
                .post("/api/pull").then().statusCode(403).body("error", equalTo("pulling from https://" + host()
                        + " is not allowed: this server pulls only from https://registry.ollama.ai, "
                        + registry.uri() + " (lariat.pull.registries)"));
        given().contentType(ContentType.JSON).body("{\"model\": \"evil.example/library/demo\", \"insecure\": true}")
                .post("/api/pull").then().statusCode(403);
        assertEquals(List.of(), registry.requests);
    }

    @Test
    void aFailedPullIs502OrAnErrorLineOnceStreaming() {
        String absent = "model '" + host() + "/library/ghost:latest' not found in registry " + registry.uri();
        given().contentType(ContentType.JSON).body("{\"model\": \"" + host() + "/library/ghost\", \"insecure\": true, "
                + "\"stream\": false}").post("/api/pull").then().statusCode(502).body("error", equalTo(absent));
        String body = given().contentType(ContentType.JSON).body("{\"model\": \"" + host() + "/library/ghost\", "
                + "\"insecure\": true}").post("/api/pull").then().statusCode(200).extract().asString();
        assertEquals("{\"status\":\"pulling manifest\"}\n{\"error\":\"" + absent + "\"}\n", body);
    }

    @Test
    void pushAnswers501NamingIt() {
        given().contentType(ContentType.JSON).body("{\"model\": \"demo\"}").post("/api/push").then().statusCode(501)
                .body("error", equalTo("/api/push: pushing models to a registry is not supported by Lariat"));
    }

    @Test
    void createFromAStoredModelWritesOllamasLayers() throws Exception {
        FakeStore.add(stores.ollama().root(), "registry.ollama.ai", "library", "base", "1b",
                Files.write(Files.createTempFile("base", ".gguf"), GGUF));
        String body = given().contentType(ContentType.JSON).body("""
                {"model": "mine", "from": "base:1b", "system": "Be brief.", "template": "{{ .Prompt }}",
                 "license": ["MIT", "Apache-2.0"], "parameters": {"temperature": 0.2, "num_ctx": 4096,
                 "stop": ["<|eot_id|>", "END"]}}""").post("/api/create").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        assertEquals("""
                {"status":"using the layers of base:1b"}
                {"status":"writing layers"}
                {"status":"writing manifest"}
                {"status":"success"}
                """, body);
        Modelfile made = stores.lariat().find(ModelName.parse("mine")).orElseThrow().modelfile();
        assertEquals("Be brief.", made.system());
        assertEquals("{{ .Prompt }}", made.template());
        assertEquals(List.of("MIT", "Apache-2.0"), made.licenses());
        assertEquals(List.of(new Modelfile.Parameter("temperature", "0.2"), new Modelfile.Parameter("num_ctx",
                "4096"), new Modelfile.Parameter("stop", "<|eot_id|>"), new Modelfile.Parameter("stop", "END")),
                made.parameters());
        given().contentType(ContentType.JSON).body("{\"model\": \"other\", \"from\": \"base:1b\", \"parameters\": "
                + "{\"bogus\": 1}}").post("/api/create").then().statusCode(400).body("error",
                        equalTo("$.parameters: unknown parameter 'bogus'"));
        assertTrue(stores.lariat().find(ModelName.parse("other")).isEmpty());
    }

    @Test
    void createFromAnUploadedBlob() {
        String digest = FakeStore.digest(GGUF);
        given().head("/api/blobs/" + digest).then().statusCode(404);
        given().contentType("application/octet-stream").body(GGUF).post("/api/blobs/" + digest).then()
                .statusCode(201);
        given().head("/api/blobs/" + digest).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"model\": \"uploaded:v1\", \"files\": {\"model.gguf\": \""
                + digest + "\"}, \"stream\": false}").post("/api/create").then().statusCode(200)
                .body(equalTo("{\"status\":\"success\"}"));
        StoredModel made = stores.lariat().find(ModelName.parse("uploaded:v1")).orElseThrow();
        assertEquals(digest, made.manifest().modelLayer().orElseThrow().digest());
    }

    @Test
    void anUploadWhoseBytesHaveAnotherDigestIsRefusedAndNotKept() {
        String claimed = FakeStore.digest("other".getBytes(StandardCharsets.US_ASCII));
        given().contentType("application/octet-stream").body(GGUF).post("/api/blobs/" + claimed).then()
                .statusCode(400).body("error", equalTo("the uploaded bytes have digest " + FakeStore.digest(GGUF)
                        + ", not " + claimed));
        given().head("/api/blobs/" + claimed).then().statusCode(404);
        given().head("/api/blobs/sha256:xyz").then().statusCode(400);
    }

    @Test
    void createNeverOpensAFileTheRequestNames() {
        given().contentType(ContentType.JSON).body("{\"model\": \"x\", \"from\": \"/etc/passwd\"}")
                .post("/api/create").then().statusCode(400).body("error", equalTo("$.from: must name a stored "
                        + "model; the server never opens a file a request names (upload a GGUF with POST "
                        + "/api/blobs/:digest and pass it in files)"));
        given().contentType(ContentType.JSON).body("{\"model\": \"x\", \"files\": {\"m.gguf\": \"/tmp/m.gguf\"}}")
                .post("/api/create").then().statusCode(400).body("error", equalTo("$.files['m.gguf']: invalid "
                        + "digest '/tmp/m.gguf': expected sha256:<64 hex digits>"));
        given().contentType(ContentType.JSON).body("{\"model\": \"x\", \"modelfile\": \"FROM /tmp/m.gguf\"}")
                .post("/api/create").then().statusCode(400).body("error", org.hamcrest.Matchers.startsWith(
                        "$.modelfile: Ollama's former create API"));
        String missing = FakeStore.digest("never uploaded".getBytes(StandardCharsets.US_ASCII));
        given().contentType(ContentType.JSON).body("{\"model\": \"x\", \"files\": {\"m.gguf\": \"" + missing
                + "\"}}").post("/api/create").then().statusCode(400).body("error", equalTo("$.files['m.gguf']: "
                        + "blob " + missing + " not found: upload it first with POST /api/blobs/" + missing));
        assertTrue(stores.lariat().find(ModelName.parse("x")).isEmpty());
    }

    @Test
    void unsupportedCreateFieldsAnswer501AndBadOnes400() {
        given().contentType(ContentType.JSON).body("{\"model\": \"x\", \"from\": \"base\", \"quantize\": \"q4_K_M\"}")
                .post("/api/create").then().statusCode(501).body("error", equalTo("$.quantize: quantizing a "
                        + "model is not supported by Lariat"));
        given().contentType(ContentType.JSON).body("{\"model\": \"x\", \"from\": \"base\", \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"hi\"}]}").post("/api/create").then().statusCode(501)
                .body("error", equalTo("$.messages: messages stored in a model is not supported by Lariat"));
        given().contentType(ContentType.JSON).body("{\"model\": \"x\"}").post("/api/create").then().statusCode(400)
                .body("error", equalTo("$.from: give either from (a stored model) or files (an uploaded GGUF "
                        + "blob)"));
        given().contentType(ContentType.JSON).body("{\"model\": \"x\", \"from\": \"ghost\"}").post("/api/create")
                .then().statusCode(400).body("error", equalTo("$.from: no stored model is called 'ghost:latest'"));
    }
}
