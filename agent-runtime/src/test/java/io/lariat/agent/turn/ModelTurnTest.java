package io.lariat.agent.turn;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lariat.agent.backend.CancelSignal;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.backend.EmbeddedBackend;
import io.lariat.agent.backend.EmbeddedSettings;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.backend.TurnRequest;
import io.lariat.agent.backend.TurnResult;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.agent.testing.TokenScriptBackend;
import io.lariat.engine.EngineOptions;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.prompts.ChatFormat;
import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.UserMessage;
import io.lariat.prompts.parse.CodeInterpreterCall;
import io.lariat.prompts.parse.Stop;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelTurnTest {
    private static final int[] PROMPT = {SpecialTokens.BEGIN_OF_TEXT, 9906};
    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "Weather",
            JsonNodeFactory.instance.objectNode().put("type", "object"));

    private static int[] ids(int[] head, String ordinary, int... tail) {
        int[] text = SharedTestData.tokenizer().encode(ordinary);
        return IntStream.concat(IntStream.concat(IntStream.of(head), IntStream.of(text)), IntStream.of(tail))
                .toArray();
    }

    private static TurnOutcome run(ModelBackend backend, TurnOptions options, List<ToolSpec> tools,
                                   StringBuilder streamed) {
        return ModelTurn.run(backend, new TurnInput("s", PROMPT, new int[0], List.of(), tools,
                SamplingOptions.greedy(), 100, options, new CancelSignal()), streamed::append);
    }

    @Test
    void logprobsGoWithTheirAnswerTextAndNeverWithStopStringsOrCalls() {
        Tokenizer tokenizer = SharedTestData.tokenizer();
        ReplayBackend backend = new ReplayBackend(tokenizer, List.of("Hello there STOP more<|eot_id|>",
                "<|python_tag|>print(1)<|eom_id|>"), 8192, java.time.Duration.ZERO);
        TurnOptions options = new TurnOptions(List.of(" STOP"), false).withLogprobs(0);
        for (String expected : List.of("Hello there", "")) {
            StringBuilder text = new StringBuilder();
            StringBuilder spelled = new StringBuilder();
            List<io.lariat.engine.TokenLogprobs> all = new java.util.ArrayList<>();
            ModelTurn.run(backend, new TurnInput("s", PROMPT, new int[0], List.of(), List.of(),
                    SamplingOptions.greedy(), 100, options, new CancelSignal()), (piece, logprobs) -> {
                        text.append(piece);
                        logprobs.forEach(p -> spelled.append(tokenizer.decode(new int[] {p.tokenId()})));
                        all.addAll(logprobs);
                    });
            assertEquals(expected, text.toString());
            // the tokens after the stop string, the call's tokens and the special tokens are not answer text
            assertEquals(expected, spelled.toString());
            all.forEach(p -> assertEquals(0f, p.logprob(), "a script is certain of its tokens"));
        }
    }

    @Test
    void logprobsOfABackendThatCannotReportThemAreRefused() {
        TokenScriptBackend backend = new TokenScriptBackend(SharedTestData.tokenizer(), new int[] {9906}, -1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelTurn.run(backend,
                new TurnInput("s", PROMPT, new int[0], List.of(), List.of(), SamplingOptions.greedy(), 10,
                        TurnOptions.DEFAULT.withLogprobs(2), new CancelSignal()), (piece, logprobs) -> { }));
        assertEquals("model '" + backend.name() + "' does not report log-probabilities", e.getMessage());
    }

    @Test
    void ordinaryTokensSpellingThePythonTagAreAnswerTextNotACall() {
        Tokenizer tokenizer = SharedTestData.tokenizer();
        int[] turn = ids(new int[0], "<|python_tag|>print(1)", SpecialTokens.EOM);
        assertFalse(IntStream.of(turn).anyMatch(id -> id == SpecialTokens.PYTHON_TAG), "ordinary tokens only");
        StringBuilder streamed = new StringBuilder();
        TurnOutcome outcome = run(new TokenScriptBackend(tokenizer, turn, -1), TurnOptions.DEFAULT, List.of(),
                streamed);
        assertEquals(List.of(), outcome.parsed().calls());
        // special names are never content (spec §9.1), whichever tokens spell them
        assertEquals("print(1)", outcome.parsed().content());
        assertEquals("print(1)", streamed.toString());
        assertEquals(Stop.EOM, outcome.parsed().stop());
    }

    @Test
    void ordinaryTokensSpellingTheEomIdDoNotEndTheTurnAsEom() {
        int[] turn = ids(new int[0], "Done.<|eom_id|>", SpecialTokens.EOT);
        TurnOutcome outcome = run(new TokenScriptBackend(SharedTestData.tokenizer(), turn, -1),
                TurnOptions.DEFAULT, List.of(), new StringBuilder());
        assertEquals(Stop.EOT, outcome.parsed().stop());
        assertEquals("Done.", outcome.parsed().content());
    }

    @Test
    void thePythonTagTokenOpensACall() {
        int[] turn = ids(new int[] {SpecialTokens.PYTHON_TAG}, "print(1)", SpecialTokens.EOM);
        StringBuilder streamed = new StringBuilder();
        TurnOutcome outcome = run(new TokenScriptBackend(SharedTestData.tokenizer(), turn, -1),
                TurnOptions.DEFAULT, List.of(), streamed);
        assertEquals(List.of(new CodeInterpreterCall("print(1)")), outcome.parsed().calls());
        assertEquals("", streamed.toString());
        assertEquals(SpecialTokens.EOM, outcome.stopId());
    }

    @Test
    void aCallToAnUndeclaredToolIsReturnedAsText() {
        String call = "{\"name\": \"delete_files\", \"parameters\": {\"path\": \"/\"}}";
        int[] turn = ids(new int[0], call, SpecialTokens.EOT);
        StringBuilder streamed = new StringBuilder();
        TurnOutcome outcome = run(new TokenScriptBackend(SharedTestData.tokenizer(), turn, -1),
                new TurnOptions(List.of(), true), List.of(WEATHER), streamed);
        assertEquals(List.of(), outcome.parsed().calls());
        assertEquals(call, outcome.parsed().content());
        assertEquals(call, streamed.toString());
        assertEquals(List.of("call to undeclared tool 'delete_files' returned as text"),
                outcome.parsed().problems());
    }

    @Test
    void aCallToADeclaredToolStaysACall() {
        String call = "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Oslo\"}}";
        int[] turn = ids(new int[0], call, SpecialTokens.EOT);
        TurnOutcome outcome = run(new TokenScriptBackend(SharedTestData.tokenizer(), turn, -1),
                new TurnOptions(List.of(), true), List.of(WEATHER), new StringBuilder());
        assertEquals("get_weather", outcome.parsed().calls().getFirst().name());
        assertNull(outcome.parsed().content());
    }

    @Test
    void aStopStringEndsTheTurnAndKeepsTheBackendsStatistics() {
        int[] turn = ids(new int[0], "One two END three four", SpecialTokens.EOT);
        StringBuilder streamed = new StringBuilder();
        TurnOutcome outcome = run(new TokenScriptBackend(SharedTestData.tokenizer(), turn, -1),
                new TurnOptions(List.of("END"), false), List.of(), streamed);
        assertEquals("One two", outcome.parsed().content());
        assertEquals("One two", streamed.toString());
        assertTrue(outcome.stoppedByString());
        assertEquals(-1, outcome.stopId());
        int upToEnd = SharedTestData.tokenizer().encode("One two END").length;
        assertEquals(upToEnd, outcome.stats().generatedTokens());
        assertEquals(PROMPT.length, outcome.stats().promptTokensEvaluated());
    }

    /** The contract the stop strings rely on: a listener returning false ends an engine turn normally. */
    @Test
    void aListenerThatStopsTheEngineEndsTheTurnWithItsIdsAndStatistics() {
        LlamaEngine engine = LlamaEngine.load(SharedTestData.file("tiny-llama31-q8_0.gguf"), EngineOptions.defaults());
        try (EmbeddedBackend backend = new EmbeddedBackend("tiny", engine, new EmbeddedSettings(256, 1, 0, 1, 64))) {
            int[] prompt = ChatFormat.builder().tokenizer(backend.tokenizer()).build()
                    .render(List.of(new UserMessage("Say hello.")), true);
            AtomicInteger heard = new AtomicInteger();
            TurnResult result = backend.generate(new TurnRequest("s", prompt, List.of(), List.of(),
                    SamplingOptions.greedy(), 8, new CancelSignal()), id -> heard.incrementAndGet() < 2);
            assertEquals(2, heard.get());
            assertEquals(2, result.sampledIds().length);
            assertEquals(-1, result.stopId());
            assertEquals(2, result.stats().generatedTokens());
            assertEquals(prompt.length, result.stats().promptTokensEvaluated());
        }
    }
}
