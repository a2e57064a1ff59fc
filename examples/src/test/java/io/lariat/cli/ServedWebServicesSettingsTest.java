package io.lariat.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.agent.AgentRuntime;
import io.lariat.tools.ToolResult;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * {@code lariat.search.brave-api-key} and {@code lariat.calculator.wolfram-app-id} send the served agents' calls to
 * the web services. With a made-up key the services refuse (or, offline, cannot be reached): either way the result
 * names the service, where the defaults answer from the local index and calculator ({@link ServedExamplesTest}).
 */
@QuarkusTest
@TestProfile(ServerProfiles.WebServices.class)
class ServedWebServicesSettingsTest {

    @Inject
    AgentRuntime runtime;

    @Test
    void braveApiKeySendsSearchesToBrave() {
        ToolResult result = ServedTools.call(runtime, "researcher", "brave_search",
                "{\"query\": \"first ascent of Mount Everest\"}");
        assertTrue(result.error(), result.content());
        assertTrue(result.content().contains("Brave Search"), result.content());
    }

    @Test
    void wolframAppIdAsksWolframAlphaWhatTheCalculatorCannotAnswer() {
        ToolResult local = ServedTools.call(runtime, "calculator", "wolfram_alpha", "{\"query\": \"17% of 2340\"}");
        assertFalse(local.error(), local.content());
        assertTrue(local.content().contains("397.8"), local.content());
        ToolResult online = ServedTools.call(runtime, "calculator", "wolfram_alpha",
                "{\"query\": \"capital of France\"}");
        assertTrue(online.error(), online.content());
        assertTrue(online.content().contains("Wolfram Alpha"), online.content());
        assertTrue(ServedTools.description(runtime, "calculator", "wolfram_alpha")
                .endsWith("Also answers unit conversions and factual questions online."));
    }
}
