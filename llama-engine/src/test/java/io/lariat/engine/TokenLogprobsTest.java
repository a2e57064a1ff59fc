package io.lariat.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lariat.engine.bench.SyntheticModels;
import io.lariat.engine.gguf.GgmlType;
import io.lariat.engine.sampling.SamplingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log-probabilities of sampled ids: the log-softmax of raw logits, reported once per sampled id before it. */
class TokenLogprobsTest {

    @Test
    void logprobsAreTheLogSoftmaxOfTheLogits() {
        float[] logits = {1f, 3f, 2f, 3f};
        TokenLogprobs probs = TokenLogprobs.of(logits, 2, 3);
        double logSum = Math.log(Math.exp(1) + Math.exp(3) + Math.exp(2) + Math.exp(3));
        assertEquals(2, probs.tokenId());
        assertEquals(2 - logSum, probs.logprob(), 1e-6);
        // highest first, the lower id first among equals
        assertEquals(List.of(1, 3, 2), probs.top().stream().map(TokenLogprobs.Alternative::id).toList());
        assertEquals(3 - logSum, probs.top().getFirst().logprob(), 1e-6);
        assertArrayEquals(new float[] {1f, 3f, 2f, 3f}, logits, "the logits are not modified");
    }

    @Test
    void hugeLogitsDoNotOverflow() {
        TokenLogprobs probs = TokenLogprobs.of(new float[] {1000f, 1000f, Float.NEGATIVE_INFINITY}, 0, 0);
        assertEquals(-Math.log(2), probs.logprob(), 1e-6);
        assertEquals(List.of(), probs.top());
    }

    @Test
    void moreThanTwentyAlternativesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TokenLogprobs.of(new float[30], 0, 21));
        assertThrows(IllegalArgumentException.class, () -> GenerationRequest.builder(new int[] {1}).logprobs(21)
                .build());
        assertThrows(IllegalArgumentException.class, () -> GenerationRequest.builder(new int[] {1}).logprobs(-2)
                .build());
    }

    @Test
    void generationReportsEachSampledIdsLogprobsBeforeTheId(@TempDir Path dir) {
        Path model = dir.resolve("tiny.gguf");
        SyntheticModels.write(model, EngineSessionTest.TINY, GgmlType.F32, 3);
        int[] prompt = {1, 17, 42, 99};
        try (LlamaEngine engine = LlamaEngine.load(model, EngineOptions.builder().threads(1).build());
             EngineSession session = engine.newSession(64)) {
            List<TokenLogprobs> reported = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            TokenSink sink = new TokenSink() {
                @Override
                public boolean onToken(int tokenId) {
                    assertEquals(reported.size(), ids.size() + 1, "log-probabilities come just before the id");
                    ids.add(tokenId);
                    return true;
                }

                @Override
                public void onLogprobs(TokenLogprobs logprobs) {
                    reported.add(logprobs);
                }
            };
            GenerationResult result = session.generate(GenerationRequest.builder(prompt).maxTokens(4)
                    .sampling(SamplingOptions.greedy()).logprobs(2).build(), sink);
            assertEquals(4, result.generatedIds().length);
            assertEquals(ids, reported.stream().map(TokenLogprobs::tokenId).toList());
            for (TokenLogprobs probs : reported) {
                assertEquals(2, probs.top().size());
                // greedy picks the most likely id, so it heads the alternatives with the same log-probability
                assertEquals(probs.tokenId(), probs.top().getFirst().id());
                assertEquals(probs.logprob(), probs.top().getFirst().logprob());
                assertTrue(probs.logprob() <= 0 && probs.top().get(1).logprob() <= probs.logprob());
            }
            List<TokenLogprobs> none = new ArrayList<>();
            session.generate(GenerationRequest.builder(prompt).maxTokens(2).build(), new TokenSink() {
                @Override
                public boolean onToken(int tokenId) {
                    return true;
                }

                @Override
                public void onLogprobs(TokenLogprobs logprobs) {
                    none.add(logprobs);
                }
            });
            assertEquals(List.of(), none, "nothing is reported unless asked for");
        }
    }
}
