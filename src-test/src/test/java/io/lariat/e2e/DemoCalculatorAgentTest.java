package io.lariat.e2e;

import io.lariat.agent.Agent;
import io.lariat.agent.AgentEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.Session;
import io.lariat.agent.StatsEvent;
import io.lariat.agent.ToolCallEvent;
import io.lariat.agent.ToolResultEvent;
import io.lariat.agent.backend.EmbeddedBackend;
import io.lariat.agent.backend.EmbeddedSettings;
import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.examples.demo.DemoAgent;
import io.lariat.tools.BuiltinTools;
import io.lariat.tools.builtin.calculator.CalculatorTool;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's main job, end to end in one process: the bundled demo model (engine) emits a real
 * {@code <|python_tag|>wolfram_alpha.call(...)} call (prompts parses it), the exact calculator answers it (tools),
 * and the agent loop (agent-runtime) feeds the result back for the final answer.
 */
class DemoCalculatorAgentTest {
    /** The model the project ships, found from this module's folder, so the test needs no download. */
    private static final Path DEMO_MODEL = Path.of("..", "examples", "src", "main", "resources", "models",
            "lariat-demo.gguf");

    @Test
    void demoModelCallsTheCalculatorAndAnswersFromItsResult() {
        assertTrue(Files.isRegularFile(DEMO_MODEL), "the bundled demo model is part of the repository");
        // The backend owns the engine and closes it.
        LlamaEngine engine = LlamaEngine.load(DEMO_MODEL, EngineOptions.defaults());
        try (EmbeddedBackend backend = new EmbeddedBackend("lariat-demo", engine, new EmbeddedSettings(4096, 1, 1, 1,
                engine.options().batchSize()));
             Session session = Session.create()) {
            Agent agent = Agent.builder("calculator")
                    .systemPrompt(DemoAgent.CALCULATOR.systemPrompt())
                    .backend(backend)
                    .builtin(BuiltinTools.CALCULATOR)
                    .builtinTools(new CalculatorTool())
                    .sampling(SamplingOptions.greedy())
                    .maxIterations(4)
                    .build();

            List<AgentEvent> events = agent.run(session, "What is 345 + 678?").collect().asList()
                    .await().atMost(Duration.ofMinutes(2));

            List<ToolCallEvent> calls = events.stream().filter(ToolCallEvent.class::isInstance)
                    .map(ToolCallEvent.class::cast).toList();
            assertEquals(1, calls.size());
            assertEquals("wolfram_alpha", calls.getFirst().tool());
            assertEquals("345 + 678", calls.getFirst().arguments().get("query").asText());

            ToolResultEvent result = events.stream().filter(ToolResultEvent.class::isInstance)
                    .map(ToolResultEvent.class::cast).findFirst().orElseThrow();
            assertFalse(result.error());
            assertTrue(result.content().contains("\"result\": \"1023\""), result.content());

            FinalEvent answer = events.stream().filter(FinalEvent.class::isInstance)
                    .map(FinalEvent.class::cast).findFirst().orElseThrow();
            assertEquals(FinalEvent.FinishReason.ANSWER, answer.reason());
            assertEquals("345 + 678 = 1023.", answer.content());

            StatsEvent stats = assertInstanceOf(StatsEvent.class, events.getLast());
            assertEquals(2, stats.iterations());
            // Turn 1 evaluates the 72-token prompt; turn 2 reuses it plus the sampled call (85 tokens) and evaluates
            // only the eom, the tool result and the new header: raw replay with prefix reuse.
            assertEquals(85, stats.promptTokensReused());
            assertEquals(113, stats.promptTokensEvaluated());
        }
    }
}
