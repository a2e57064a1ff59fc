package io.lariat.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lariat.agent.AgentEvent;
import io.lariat.agent.AgentRuntime;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.ToolResultEvent;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.quarkus.LariatAgent;
import io.lariat.tools.Tool;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code @LariatAgent} interface is implemented by the extension, injected, runs its tool bean on the replay
 * backend in all three return styles, and is listed by {@code GET /agents}; readiness names the loaded model.
 */
// A class-level condition: it is evaluated before QuarkusUnitTest starts the application, which cannot start without
// the scripted model (an assumption inside the test came too late and turned the skip into a start-up failure).
@EnabledIf(value = "sharedDataPresent", disabledReason = "shared test data ../shared/testdata/llama31-vocab.gguf is "
        + "absent (set -Dlariat.shared.dir)")
class DeclarativeAgentTest {

    static final Path VOCAB = Path.of(System.getProperty("lariat.shared.dir", "../../../shared"), "testdata",
            "llama31-vocab.gguf");
    static final String CALL = "{\"name\": \"lookup_order\", \"parameters\": {\"id\": \"A-1\"}}<|eom_id|>";

    @ApplicationScoped
    public static class OrderTools {
        @Tool("Look up an order's status")
        public String lookupOrder(String id) {
            return id + ": shipped";
        }
    }

    @LariatAgent(name = "shop", systemPrompt = "You help customers of the shop.", tools = OrderTools.class)
    public interface ShopAgent {
        String ask(String sessionId, String message);

        Uni<String> askLater(String sessionId, String message);

        Multi<AgentEvent> stream(String sessionId, String message);
    }

    /** Serves the scripted model as {@code lariat.model} before the served models preload it. */
    @ApplicationScoped
    public static class ReplayModel {
        void register(@Observes @Priority(0) StartupEvent start, AgentRuntime runtime) {
            if (Files.isRegularFile(VOCAB)) {
                try (GgufFile gguf = GgufFile.open(VOCAB)) {
                    runtime.models().register("replay:shop", new ReplayBackend(Tokenizer.fromGguf(gguf),
                            List.of(CALL, "Order A-1 has shipped.", "You are welcome.", CALL, "It shipped."),
                            8192, Duration.ZERO));
                }
            }
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OrderTools.class, ShopAgent.class, ReplayModel.class))
            .overrideConfigKey("lariat.model", "replay:shop")
            .overrideConfigKey("smallrye.config.mapping.validate-unknown", "false");

    @Inject
    ShopAgent shop;

    static boolean sharedDataPresent() {
        return Files.isRegularFile(VOCAB);
    }

    @Test
    void answersInEveryReturnStyleAndIsListed() {
        assertEquals("Order A-1 has shipped.", shop.ask("s1", "Where is order A-1?"));
        assertEquals("You are welcome.", shop.askLater("s1", "Thanks").await().atMost(Duration.ofSeconds(30)));
        List<AgentEvent> events = shop.stream("s2", "And A-1?").collect().asList().await()
                .atMost(Duration.ofSeconds(30));
        assertEquals(List.of("lookup_order", "A-1: shipped", "It shipped."), events.stream()
                .<String>mapMulti((event, out) -> {
                    switch (event) {
                        case ToolCallEvent call -> out.accept(call.tool());
                        case ToolResultEvent result -> out.accept(result.content());
                        case FinalEvent done -> out.accept(done.content());
                        default -> { }
                    }
                }).toList());
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Lariat model' }.data.model", equalTo("replay:shop"));
        given().get("/agents").then().statusCode(200)
                .body("find { it.name == 'shop' }.system_prompt", equalTo("You help customers of the shop."))
                .body("find { it.name == 'shop' }.tools[0].name", equalTo("lookup_order"));
    }
}
