package io.lariat.examples.calculator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.agent.AgentEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.examples.ExampleRuns;
import io.lariat.tools.builtin.calculator.CalculatorTool;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalculatorAgentTest {

    @Test
    void callsWolframAlphaAndAnswersFromItsExactResult() {
        ReplayBackend backend = ReplayBackend.of(ExampleRuns.tokenizer(),
                "<|python_tag|>wolfram_alpha.call(query=\"17% of 2,340\")<|eom_id|>",
                "17% of 2,340 is 397.8.<|eot_id|>");
        List<AgentEvent> events = ExampleRuns.run(CalculatorAgent.create(backend, new CalculatorTool()),
                "What is 17% of 2,340?");
        assertEquals("wolfram_alpha", ExampleRuns.call(events).tool());
        assertEquals("17% of 2,340", ExampleRuns.call(events).arguments().get("query").asText());
        assertFalse(ExampleRuns.result(events).error());
        assertTrue(ExampleRuns.result(events).content().contains("397.8"), ExampleRuns.result(events).content());
        assertEquals(FinalEvent.FinishReason.ANSWER, ExampleRuns.answer(events).reason());
        assertEquals("17% of 2,340 is 397.8.", ExampleRuns.answer(events).content());
        String firstPrompt = ExampleRuns.tokenizer().decode(backend.prompts().getFirst());
        assertTrue(firstPrompt.contains("Environment: ipython\nTools: wolfram_alpha\n"), firstPrompt);
        assertTrue(firstPrompt.contains("You are a calculator. Use wolfram_alpha"), firstPrompt);
    }
}
