package org.acme.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.agent.AgentEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.ToolResultEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same agent on the bundled demo model: the model calls the shop's tool and answers from its result. */
@QuarkusTest
@TestProfile(DemoModelProfile.class)
class ShopAgentDemoModelTest {

    @Inject
    ShopAgent shop;

    @Test
    void demoModelCallsTheToolAndAnswers() {
        // a safety net only: on a loaded shared machine the 4-layer model's two turns took over 2 minutes
        List<AgentEvent> events = shop.stream("s1", "Where is my order A-10234?").collect().asList().await()
                .atMost(Duration.ofMinutes(10));
        ToolCallEvent call = events.stream().filter(ToolCallEvent.class::isInstance).map(ToolCallEvent.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no tool call in " + events));
        assertEquals("lookup_order", call.tool());
        assertEquals("{\"orderId\":\"A-10234\"}", call.arguments().toString());
        ToolResultEvent result = events.stream().filter(ToolResultEvent.class::isInstance)
                .map(ToolResultEvent.class::cast).findFirst().orElseThrow();
        // the tool result as the model reads it: Llama 3.1's JSON spacing
        assertEquals("{\"orderId\": \"A-10234\", \"item\": \"desk lamp\", \"status\": \"shipped\", "
                + "\"estimatedDelivery\": \"2025-03-14\"}", result.content());
        FinalEvent answer = (FinalEvent) events.stream().filter(FinalEvent.class::isInstance).findFirst()
                .orElseThrow(() -> new AssertionError("no answer in " + events));
        assertEquals(FinalEvent.FinishReason.ANSWER, answer.reason());
        assertTrue(answer.content().contains("shipped"), answer.content());
    }
}
