package io.lariat.agent.backend;

import io.lariat.agent.testing.SharedTestData;
import io.lariat.engine.sampling.SamplingOptions;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReplayBackendTest {
    private final Tokenizer tokenizer = SharedTestData.tokenizer();

    private static TurnRequest request(String session, int[] prompt, int maxTokens) {
        return new TurnRequest(session, prompt, List.of(), List.of(), SamplingOptions.greedy(), maxTokens,
                new CancelSignal());
    }

    @Test
    void outputWithoutStopTokenEndsWithEot() {
        ReplayBackend backend = ReplayBackend.of(tokenizer, "Hello there");
        List<Integer> heard = new ArrayList<>();
        TurnResult result = backend.generate(request("s", new int[] {1, 2, 3}, 100), id -> heard.add(id));
        assertArrayEquals(tokenizer.encode("Hello there"), result.sampledIds());
        assertEquals(SpecialTokens.EOT, result.stopId());
        assertEquals(SpecialTokens.EOT, (int) heard.getLast());
        assertEquals(new TurnResult.TurnStats(0, 3, result.stats().promptEval(), heard.size(),
                result.stats().generation()), result.stats());
    }

    @Test
    void specialTokenNamesBecomeTheirIds() {
        ReplayBackend backend = ReplayBackend.of(tokenizer, "<|python_tag|>print(1)<|eom_id|>");
        TurnResult result = backend.generate(request("s", new int[] {1}, 100), id -> true);
        assertEquals(SpecialTokens.PYTHON_TAG, result.sampledIds()[0]);
        assertEquals(SpecialTokens.EOM, result.stopId());
    }

    @Test
    void tokenLimitTruncatesWithoutAStop() {
        ReplayBackend backend = ReplayBackend.of(tokenizer, "one two three four five six");
        TurnResult result = backend.generate(request("s", new int[] {1}, 3), id -> true);
        assertEquals(3, result.sampledIds().length);
        assertEquals(-1, result.stopId());
    }

    @Test
    void secondPromptReusesWhatTheSessionsCacheHolds() {
        ReplayBackend backend = ReplayBackend.of(tokenizer, "A", "B");
        int[] first = {1, 2, 3};
        TurnResult a = backend.generate(request("s", first, 10), id -> true);
        int[] second = {1, 2, 3, a.sampledIds()[0], SpecialTokens.EOT, 7, 8};
        TurnResult b = backend.generate(request("s", second, 10), id -> true);
        assertEquals(4, b.stats().promptTokensReused());
        assertEquals(3, b.stats().promptTokensEvaluated());
        backend.release("s");
        assertEquals(List.of(first.length, second.length), backend.prompts().stream().map(p -> p.length).toList());
    }

    @Test
    void exhaustedScriptThrows() {
        ReplayBackend backend = ReplayBackend.of(tokenizer);
        IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> backend.generate(request("s", new int[] {1}, 10), id -> true));
        assertEquals("replay script exhausted after 0 turns", ex.getMessage());
    }
}
