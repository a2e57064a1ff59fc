package io.lariat.examples.concierge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.agent.AgentEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.ToolResultEvent;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.examples.ExampleRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConciergeAgentTest {

    @Test
    void callsCustomJavaToolsInTheJsonFormat() {
        ReplayBackend backend = ReplayBackend.of(ExampleRuns.tokenizer(),
                "{\"name\": \"convert_units\", \"parameters\": {\"value\": \"5\", \"from\": \"mi\", \"to\": \"km\"}}"
                        + "<|eom_id|>",
                "5 miles is 8.0467 km.<|eot_id|>");
        List<AgentEvent> events = ExampleRuns.run(ConciergeAgent.create(backend), "How far is 5 miles in km?");
        assertEquals("convert_units", ExampleRuns.call(events).tool());
        ToolResultEvent result = ExampleRuns.result(events);
        assertFalse(result.error(), result.content());
        assertEquals("{\"value\": 5.0, \"from\": \"mi\", \"result\": 8.0467, \"to\": \"km\"}", result.content());
        assertEquals(FinalEvent.FinishReason.ANSWER, ExampleRuns.answer(events).reason());
        String firstPrompt = ExampleRuns.tokenizer().decode(backend.prompts().getFirst());
        assertTrue(firstPrompt.contains("\"name\": \"lookup_order\""), firstPrompt);
    }

    @Test
    void aBadArgumentComesBackToTheModelAsAnError() {
        ReplayBackend backend = ReplayBackend.of(ExampleRuns.tokenizer(),
                "{\"name\": \"lookup_order\", \"parameters\": {\"orderId\": \"12\"}}<|eom_id|>",
                "Order ids look like A-10234; could you check yours?<|eot_id|>");
        List<AgentEvent> events = ExampleRuns.run(ConciergeAgent.create(backend), "Where is order 12?");
        ToolResultEvent result = ExampleRuns.result(events);
        assertTrue(result.error());
        assertTrue(result.content().contains("order ids look like A-10234"), result.content());
        assertEquals(FinalEvent.FinishReason.ANSWER, ExampleRuns.answer(events).reason());
    }
}
