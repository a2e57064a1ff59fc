package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ps}, {@code stop}, {@code list} and {@code run} as clients of a running server, in Ollama's API. */
class ClientCommandsTest {
    private static final String PS = "{\"models\":[{\"name\":\"demo:latest\",\"model\":\"demo:latest\",\"size\":"
            + "26600000,\"digest\":\"sha256:0123456789abcdef\",\"expires_at\":\"2026-12-02T04:05:00Z\","
            + "\"size_vram\":0,\"context_length\":4096}]}";
    private static final String CHAT = """
            {"model":"demo","message":{"role":"assistant","content":"Bon"},"done":false}
            {"model":"demo","message":{"role":"assistant","content":"jour"},"done":false}
            {"model":"demo","message":{"role":"assistant","content":""},"done":true,"total_duration":2000000,\
            "load_duration":0,"prompt_eval_count":12,"prompt_eval_duration":1000000,"eval_count":2,\
            "eval_duration":500000}
            """;

    @TempDir
    Path home;

    private CliHarness.Result lariat(FakeServer server, String stdin, String... args) {
        return CliHarness.run(Map.of("LARIAT_HOST", server.host()), home, stdin, args);
    }

    @Test
    void psShowsTheLoadedModelsAsOllamaDoes() throws Exception {
        try (FakeServer server = new FakeServer().answer("GET /api/ps", PS)) {
            CliHarness.Result r = lariat(server, "", "ps");
            assertEquals(0, r.status(), r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals(List.of("NAME", "ID", "SIZE", "PROCESSOR", "CONTEXT", "UNTIL"),
                    List.of(lines.get(0).split("\\s+")));
            assertTrue(lines.get(1).matches("demo:latest +0123456789ab +26\\.6 MB +100% CPU +4096 +.*"),
                    lines.get(1));
        }
        PsCommand ps = new PsCommand();
        ps.now = () -> Instant.parse("2026-12-02T04:00:00Z");
        assertEquals("5 minutes from now", ps.until("2026-12-02T04:05:00Z"));
        assertEquals("Stopping...", ps.until("2026-12-02T03:59:00Z"));
        assertEquals("Forever", ps.until("2318-08-23T04:00:00Z"));
    }

    @Test
    void psAndStopWithoutAServerSayWhereTheyLooked() {
        for (String command : List.of("ps", "stop demo")) {
            CliHarness.Result r = CliHarness.run(home, command.split(" "));
            assertEquals(1, r.status());
            assertEquals("lariat: no Lariat server at 127.0.0.1:9 (start one with: lariat serve, or set "
                    + "LARIAT_HOST)\n", r.err());
        }
    }

    @Test
    void stopUnloadsWithKeepAliveZero() throws Exception {
        try (FakeServer server = new FakeServer().answer("GET /api/ps", PS)
                .answer("POST /api/generate", "{\"model\":\"demo\",\"done\":true,\"done_reason\":\"unload\"}")) {
            CliHarness.Result r = lariat(server, "", "stop", "demo");
            assertEquals(0, r.status(), r.err());
            assertEquals("", r.out());
            String unload = server.requests.getLast();
            assertTrue(unload.startsWith("POST /api/generate {"), unload);
            assertTrue(unload.contains("\"model\":\"demo\"") && unload.contains("\"keep_alive\":0")
                    && unload.contains("\"stream\":false"), unload);
            CliHarness.Result absent = lariat(server, "", "stop", "other");
            assertEquals(1, absent.status());
            assertEquals("lariat: model 'other' is not loaded on " + server.host() + " (see: lariat ps)\n",
                    absent.err());
        }
    }

    @Test
    void listAsksTheServer() throws Exception {
        try (FakeServer server = new FakeServer().answer("GET /api/tags", "{\"models\":[{\"name\":\"demo:latest\","
                + "\"digest\":\"sha256:abcdefabcdef00\",\"size\":1000,\"modified_at\":\"2026-12-01T10:00:00Z\"},"
                + "{\"name\":\"llama3.1:8b\",\"digest\":\"sha256:ffff\",\"size\":2000,\"modified_at\":\"x\"}]}")) {
            CliHarness.Result r = lariat(server, "", "list", "demo");
            assertEquals(0, r.status(), r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals(2, lines.size(), r.out());
            assertTrue(lines.get(1).matches("demo:latest +abcdefabcdef +1\\.0 KB +server +2026-12-01 \\d\\d:00"),
                    lines.get(1));
        }
    }

    @Test
    void runStreamsTheServersAnswerWithItsStatistics() throws Exception {
        try (FakeServer server = new FakeServer().answer("POST /api/chat", CHAT)) {
            CliHarness.Result r = lariat(server, "", "run", "demo", "Say hello in French", "--verbose",
                    "--temperature", "0");
            assertEquals(0, r.status(), r.err());
            assertEquals("Bonjour\n", r.out());
            assertEquals("POST /api/chat {\"model\":\"demo\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello "
                    + "in French\"}],\"stream\":true,\"options\":{\"temperature\":0.0}}", server.requests.getLast());
            List<String> stats = r.err().lines().toList();
            assertEquals("total duration:       2ms", stats.get(0));
            assertEquals("prompt eval count:    12 token(s)", stats.get(2));
            assertEquals("eval rate:            4000.00 tokens/s", stats.get(7));
        }
    }

    @Test
    void interactiveRunKeepsTheConversationAndHonoursSetAndMultiLine() throws Exception {
        try (FakeServer server = new FakeServer().answer("POST /api/chat", CHAT)) {
            CliHarness.Result r = lariat(server, "/set system Be brief.\n/set parameter temperature 0.2\n"
                    + "/set parameter top_k 5\n\"\"\"Line one\nline two\"\"\"\nAgain\n/?\n/bye\n", "run", "demo");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().startsWith(">>> Set system message.\n>>> Set parameter 'temperature' to '0.2'\n>>> "
                    + "Couldn't set parameter: unknown parameter 'top_k' (temperature, top_p, seed, num_predict)\n"
                    + ">>> ... Bonjour\n>>> Bonjour\n>>> Available Commands:\n"), r.out());
            assertTrue(r.out().endsWith("Use \"\"\" to begin a multi-line message.\n>>> "), r.out());
            assertEquals("POST /api/chat {\"model\":\"demo\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief."
                    + "\"},{\"role\":\"user\",\"content\":\"Line one\\nline two\"},{\"role\":\"assistant\",\"content\":"
                    + "\"Bonjour\"},{\"role\":\"user\",\"content\":\"Again\"}],\"stream\":true,\"options\":{"
                    + "\"temperature\":0.2}}", server.requests.getLast());
        }
    }

    @Test
    void interactiveShowAsksTheServerNotTheLocalStore() throws Exception {
        String show = "{\"license\":\"MIT\",\"template\":\"{{ .Prompt }}\",\"details\":{\"format\":\"gguf\","
                + "\"quantization_level\":\"Q8_0\"},\"model_info\":{\"general.architecture\":\"llama\","
                + "\"general.parameter_count\":26600000,\"llama.context_length\":4096,\"llama.embedding_length\":"
                + "128},\"modelfile\":\"# Modelfile generated by Lariat\\nFROM served:latest\\n\",\"parameters\":"
                + "\"temperature 0.6\\nstop \\\"<|eot_id|>\\\"\",\"system\":\"Be brief.\"}";
        try (FakeServer server = new FakeServer().answer("POST /api/show", show)) {
            // "served" exists only on the server: a local lookup would fail
            CliHarness.Result r = lariat(server, "/show info\n/show modelfile\n/show parameters\n/show system\n"
                    + "/show license\n/bye\n", "run", "served");
            assertEquals(0, r.status(), r.err());
            assertEquals(String.join("\n", ">>>   Model",
                    "    architecture        llama",
                    "    parameters          26.6M",
                    "    context length      4096",
                    "    embedding length    128",
                    "    quantization        Q8_0",
                    "",
                    "  Parameters",
                    "    temperature                    0.6",
                    "    stop                           \"<|eot_id|>\"",
                    "",
                    "  System",
                    "    Be brief.",
                    "",
                    "  Template",
                    "    {{ .Prompt }}",
                    "",
                    "  License",
                    "    MIT",
                    ">>> # Modelfile generated by Lariat",
                    "FROM served:latest",
                    ">>> temperature                    0.6",
                    "stop                           \"<|eot_id|>\"",
                    ">>> Be brief.",
                    ">>> MIT",
                    ">>> "), r.out());
            assertEquals(java.util.Collections.nCopies(5, "POST /api/show {\"model\":\"served\"}"),
                    server.requests);
        }
    }

    @Test
    void aFailedShowIsReportedAndTheChatGoesOn() throws Exception {
        try (FakeServer server = new FakeServer().answer("POST /api/show", 404,
                "{\"error\":\"model 'ghost' not found\"}").answer("POST /api/chat", CHAT)) {
            CliHarness.Result r = lariat(server, "/show info\nHi\n/bye\n", "run", "ghost");
            assertEquals(0, r.status(), r.err());
            assertEquals(">>> Couldn't show the model: model 'ghost' not found\n>>> Bonjour\n>>> ", r.out());
        }
    }

    @Test
    void theServersErrorIsOneLine() throws Exception {
        try (FakeServer server = new FakeServer().answer("POST /api/chat", 404,
                "{\"error\":\"model 'ghost' not found\"}")) {
            CliHarness.Result r = lariat(server, "", "run", "ghost", "Hi");
            assertEquals(1, r.status());
            assertEquals("lariat: model 'ghost' not found\n", r.err());
        }
    }
}
