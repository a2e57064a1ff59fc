package io.lariat.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lariat.agent.backend.EmbeddedBackend;
import io.lariat.agent.backend.EmbeddedSettings;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.tools.Tool;
import io.lariat.tools.ToolParam;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Agents constrain their tool calls by default on the embedded engine, and only there. */
class ConstrainedCallsTest {

    /** One custom tool. */
    public static class Weather {
        @Tool("Current weather in a city")
        public String getWeather(@ToolParam(value = "City name", name = "city") String city) {
            return "22 C in " + city;
        }
    }

    @Test
    void embeddedAgentsRefuseCallsToUndeclaredToolsUnlessTurnedOff() {
        LlamaEngine engine = LlamaEngine.load(SharedTestData.file("tiny-llama31-q8_0.gguf"), EngineOptions.defaults());
        try (EmbeddedBackend backend = new EmbeddedBackend("tiny", engine, new EmbeddedSettings(512, 1, 4, 2, 64))) {
            Agent agent = Agent.builder("weather").backend(backend).tools(new Weather()).build();
            TokenConstraint constraint = agent.callConstraint();
            assertNotNull(constraint);
            Tokenizer tokenizer = backend.tokenizer();
            assertEquals(-1, firstRefused(constraint, tokenizer.encode("{\"name\": \"get_weather\", \"parameters\": "
                    + "{\"city\": \"Oslo\"}}"), tokenizer));
            assertEquals(4, firstRefused(constraint, tokenizer.encode("{\"name\": \"code_interpreter\", "
                    + "\"parameters\": {\"code\": \"1\"}}"), tokenizer));
            assertEquals(-1, firstRefused(constraint, tokenizer.encode("It is sunny."), tokenizer));
            assertNull(Agent.builder("free").backend(backend).tools(new Weather()).constrainedCalls(false).build()
                    .callConstraint());
        }
    }

    @Test
    void otherBackendsAndToollessAgentsAreNotConstrained() {
        ReplayBackend replay = new ReplayBackend(SharedTestData.tokenizer(), List.of("Hi"), 8192, Duration.ZERO);
        assertNull(Agent.builder("replayed").backend(replay).tools(new Weather()).build().callConstraint());
    }

    private static int firstRefused(TokenConstraint constraint, int[] ids, Tokenizer tokenizer) {
        TokenConstraint.Matcher matcher = constraint.start();
        for (int i = 0; i <= ids.length; i++) {
            int id = i < ids.length ? ids[i] : SpecialTokens.EOT;
            float[] logits = new float[tokenizer.vocabSize()];
            matcher.mask(logits);
            if (logits[id] == Float.NEGATIVE_INFINITY) {
                return i;
            }
            matcher.accept(id);
        }
        return -1;
    }
}
