package io.lariat.examples.analyst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.agent.AgentEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.examples.ExampleRuns;
import io.lariat.examples.LocalTools;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalystAgentTest {

    @Test
    void runsPythonInTheSandboxAndKeepsStateBetweenCalls() {
        ReplayBackend backend = ReplayBackend.of(ExampleRuns.tokenizer(),
                "<|python_tag|>values = [3, 1, 4, 1, 5, 9, 2, 6]\nprint(sum(values))<|eom_id|>",
                "<|python_tag|>sum(values) / len(values)<|eom_id|>",
                "The values sum to 31 and their mean is 3.875.<|eot_id|>");
        try (LocalTools tools = new LocalTools()) {
            List<AgentEvent> events = ExampleRuns.run(AnalystAgent.create(backend, tools.codeInterpreter()),
                    "Sum and average of 3, 1, 4, 1, 5, 9, 2, 6?");
            var results = ExampleRuns.of(events, io.lariat.agent.ToolResultEvent.class);
            assertEquals(2, results.size(), events.toString());
            assertFalse(results.get(0).error(), results.get(0).content());
            assertTrue(results.get(0).content().contains("31"), results.get(0).content());
            assertFalse(results.get(1).error(), results.get(1).content());
            assertTrue(results.get(1).content().contains("3.875"), results.get(1).content());
            assertEquals(FinalEvent.FinishReason.ANSWER, ExampleRuns.answer(events).reason());
        }
    }
}
