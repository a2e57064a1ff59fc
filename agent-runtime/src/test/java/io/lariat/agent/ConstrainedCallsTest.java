package io.lariat.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lariat.agent.backend.EmbeddedBackend;
import io.lariat.agent.backend.EmbeddedSettings;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.agent.testing.TestTools;
import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.CustomToolStyle;
import io.lariat.tools.BuiltinTools;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Agents constrain their tool calls by default on the embedded engine, and only there: a call must name a declared
 * tool with arguments its schema accepts, while text stays free.
 */
class ConstrainedCallsTest {
    private static EmbeddedBackend backend;

    @BeforeAll
    static void loadTinyModel() {
        LlamaEngine engine = LlamaEngine.load(SharedTestData.file("tiny-llama31-q8_0.gguf"), EngineOptions.defaults());
        backend = new EmbeddedBackend("tiny", engine, new EmbeddedSettings(512, 1, 4, 2, 8));
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void jsonCallsMustNameADeclaredToolWithValidArguments() {
        TokenConstraint constraint = Agent.builder("weather").backend(backend).tools(new TestTools()).build()
                .callConstraint();
        assertNotNull(constraint);
        assertEquals("", refused(constraint,
                "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Oslo\"}}"));
        assertEquals("code", refused(constraint,
                "{\"name\": \"code_interpreter\", \"parameters\": {\"code\": \"1\"}}"));
        // city is a string, and it is required
        assertEquals("5", refused(constraint, "{\"name\": \"get_weather\", \"parameters\": {\"city\": 5}}"));
        assertEquals("\"}}", refused(constraint,
                "{\"name\": \"get_weather\", \"parameters\": {\"town\": \"Oslo\"}}"));
        assertEquals("", refused(constraint, "It is sunny in Oslo, about 22 degrees."));
    }

    @Test
    void pythonTagCallsMustNameADeclaredBuiltin() {
        TokenConstraint constraint = Agent.builder("searcher").backend(backend).builtin(BuiltinTools.SEARCH)
                .builtinTools(new TestTools.Builtins()).build().callConstraint();
        assertNotNull(constraint);
        assertEquals("", refused(constraint, SpecialTokens.PYTHON_TAG, "brave_search.call(query=\"Oslo\")"));
        assertEquals("w", refused(constraint, SpecialTokens.PYTHON_TAG, "wolfram_alpha.call(query=\"2+2\")"));
    }

    @Test
    void turnedOffPythonicOrToollessAgentsAreNotConstrained() {
        assertNull(Agent.builder("free").backend(backend).tools(new TestTools()).constrainedCalls(false).build()
                .callConstraint());
        assertNull(Agent.builder("pythonic").backend(backend).tools(new TestTools())
                .toolStyle(CustomToolStyle.PYTHON_LIST).build().callConstraint());
        assertNull(Agent.builder("toolless").backend(backend).build().callConstraint());
    }

    @Test
    void backendsThatCannotConstrainGetNoConstraint() {
        ReplayBackend replay = new ReplayBackend(SharedTestData.tokenizer(), List.of("Hi"), 8192, Duration.ZERO);
        assertNull(Agent.builder("replayed").backend(replay).tools(new TestTools()).build().callConstraint());
    }

    private static String refused(TokenConstraint constraint, String text) {
        return refused(constraint, backend.tokenizer().encode(text));
    }

    private static String refused(TokenConstraint constraint, int special, String text) {
        int[] rest = backend.tokenizer().encode(text);
        return refused(constraint, IntStream.concat(IntStream.of(special), IntStream.of(rest)).toArray());
    }

    /**
     * The text of the first token the constraint masks ({@code <|eot_id|>} when only the stop id after the last
     * is), or "" when it masks none.
     */
    private static String refused(TokenConstraint constraint, int[] ids) {
        Tokenizer tokenizer = backend.tokenizer();
        TokenConstraint.Matcher matcher = constraint.start();
        for (int i = 0; i <= ids.length; i++) {
            int id = i < ids.length ? ids[i] : SpecialTokens.EOT;
            float[] logits = new float[tokenizer.vocabSize()];
            matcher.mask(logits);
            if (logits[id] == Float.NEGATIVE_INFINITY) {
                return tokenizer.decode(new int[] {id});
            }
            matcher.accept(id);
        }
        return "";
    }
}
