package io.lariat.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final int[] NO_HISTORY = new int[0];

    @Test
    void greedyPicksLargestLogitAndLowestIdOnTies() {
        Sampler sampler = new Sampler(SamplingOptions.greedy());
        assertEquals(2, sampler.sample(new float[] {0.1f, 3f, 5f, -1f}, NO_HISTORY, 0));
        assertEquals(1, sampler.sample(new float[] {0.1f, 5f, 5f, -1f}, NO_HISTORY, 0));
    }

    @Test
    void sameSeedGivesSameTokens() {
        SamplingOptions options = SamplingOptions.builder().temperature(1.5f).topK(0).topP(1f).minP(0f).seed(42)
                .build();
        assertArrayEquals(draws(options, 100), draws(options, 100));
        int[] other = draws(SamplingOptions.builder().temperature(1.5f).topK(0).topP(1f).minP(0f).seed(43).build(),
                100);
        assertFalse(Arrays.equals(draws(options, 100), other));
    }

    @Test
    void topKOfOneIsArgmaxAtAnyTemperature() {
        SamplingOptions options = SamplingOptions.builder().temperature(5f).topK(1).seed(1).build();
        int[] ids = draws(options, 50);
        assertArrayEquals(filled(50, 3), ids);
    }

    @Test
    void topPKeepsOnlyTheSmallestSufficientSet() {
        // probabilities 0.5, 0.3, 0.2 at temperature 1: top-p 0.6 keeps ids 0 and 1
        float[] logits = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)};
        int[] counts = counts(SamplingOptions.builder().temperature(1f).topK(0).topP(0.6f).minP(0f).seed(7).build(),
                logits, 2000);
        assertEquals(0, counts[2]);
        assertEquals(0.625, counts[0] / 2000.0, 0.04);
    }

    @Test
    void minPDropsUnlikelyTokens() {
        float[] logits = {(float) Math.log(0.6), (float) Math.log(0.3), (float) Math.log(0.1)};
        int[] counts = counts(SamplingOptions.builder().temperature(1f).topK(0).topP(1f).minP(0.2f).seed(9).build(),
                logits, 2000);
        assertEquals(0, counts[2]);
        assertEquals(2.0 / 3, counts[0] / 2000.0, 0.04);
    }

    @Test
    void temperatureSharpensTheDistribution() {
        float[] logits = {(float) Math.log(0.6), (float) Math.log(0.4)};
        // at temperature 0.5 the probabilities become 0.36 / 0.52 and 0.16 / 0.52
        int[] counts = counts(SamplingOptions.builder().temperature(0.5f).topK(0).topP(1f).minP(0f).seed(5).build(),
                logits, 4000);
        assertEquals(0.36 / 0.52, counts[0] / 4000.0, 0.03);
    }

    @Test
    void repeatPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        SamplingOptions options = SamplingOptions.builder().temperature(0).repeatPenalty(1.5f).repeatLastN(2).build();
        float[] logits = {2f, 1.9f, -1f, -1.2f};
        assertEquals(1, new Sampler(options).sample(logits, new int[] {0, 0, 2}, 3));
        assertEquals(2f / 1.5f, logits[0], 1e-6);
        assertEquals(-1.5f, logits[2], 1e-6);
        assertEquals(-1.2f, logits[3], 0);
    }

    @Test
    void repeatPenaltyLooksOnlyAtLastN() {
        SamplingOptions options = SamplingOptions.builder().temperature(0).repeatPenalty(2f).repeatLastN(1).build();
        assertEquals(0, new Sampler(options).sample(new float[] {2f, 1.9f}, new int[] {0, 1}, 2));
    }

    @Test
    void rejectsOutOfRangeOptions() {
        assertThrows(IllegalArgumentException.class, () -> SamplingOptions.builder().topP(0f).build());
        assertThrows(IllegalArgumentException.class, () -> SamplingOptions.builder().minP(1f).build());
        assertThrows(IllegalArgumentException.class, () -> SamplingOptions.builder().topK(-1).build());
        assertThrows(IllegalArgumentException.class, () -> SamplingOptions.builder().repeatPenalty(0f).build());
    }

    private static int[] draws(SamplingOptions options, int n) {
        Sampler sampler = new Sampler(options);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = sampler.sample(new float[] {0.5f, 0.2f, 0.1f, 1.0f, -0.3f, 0.7f}, NO_HISTORY, 0);
        }
        return ids;
    }

    private static int[] counts(SamplingOptions options, float[] logits, int n) {
        Sampler sampler = new Sampler(options);
        int[] counts = new int[logits.length];
        for (int i = 0; i < n; i++) {
            counts[sampler.sample(logits.clone(), NO_HISTORY, 0)]++;
        }
        return counts;
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    /** Allows only even ids and records what it was told. */
    private static final class EvenIds implements TokenConstraint.Matcher {
        final java.util.List<Integer> accepted = new java.util.ArrayList<>();

        @Override
        public void mask(float[] logits) {
            for (int i = 1; i < logits.length; i += 2) {
                logits[i] = Float.NEGATIVE_INFINITY;
            }
        }

        @Override
        public void accept(int id) {
            accepted.add(id);
        }
    }

    @Test
    void greedyUnderAConstraintPicksTheHighestAllowedIdAndAcceptsIt() {
        EvenIds matcher = new EvenIds();
        int id = new Sampler(SamplingOptions.greedy()).sample(new float[] {1f, 9f, 3f, 8f}, NO_HISTORY, 0, matcher);
        assertEquals(2, id);
        assertEquals(java.util.List.of(2), matcher.accepted);
    }

    @Test
    void filtersSeeOnlyAllowedIds() {
        // top-k 1 over the allowed ids is the best allowed id, even though a masked id scores higher
        SamplingOptions topOne = SamplingOptions.builder().temperature(2f).topK(1).seed(3).build();
        Sampler sampler = new Sampler(topOne);
        for (int i = 0; i < 50; i++) {
            assertEquals(0, sampler.sample(new float[] {5f, 9f, 1f, 8f}, NO_HISTORY, 0, new EvenIds()));
        }
        // with every candidate kept, masked ids are never drawn
        SamplingOptions all = SamplingOptions.builder().temperature(5f).topK(0).topP(1f).minP(0f).seed(4).build();
        Sampler wide = new Sampler(all);
        for (int i = 0; i < 500; i++) {
            assertEquals(0, wide.sample(new float[] {0f, 1f, 0f, 1f}, NO_HISTORY, 0, new EvenIds()) % 2);
        }
    }

    @Test
    void topPIsTakenOverTheAllowedIdsOnly() {
        // allowed: id 0 (logit 5) and id 2 (logit 4), probabilities 0.731 and 0.269 among themselves; the masked
        // ids 1 and 3 would hold 0.96 of the mass over the whole vocabulary
        float[] logits = {5f, 9f, 4f, 8f};
        int[] narrow = constrainedCounts(SamplingOptions.builder().temperature(1f).topK(0).topP(0.7f).minP(0f)
                .seed(5).build(), logits, 400);
        assertArrayEquals(new int[] {400, 0, 0, 0}, narrow);
        int[] wide = constrainedCounts(SamplingOptions.builder().temperature(1f).topK(0).topP(0.75f).minP(0f)
                .seed(5).build(), logits, 400);
        assertEquals(0, wide[1] + wide[3]);
        assertTrue(wide[2] > 60 && wide[2] < 160, Arrays.toString(wide));
    }

    @Test
    void minPIsRelativeToTheBestAllowedId() {
        // id 2 has 0.368 of id 0's probability; against the masked id 1 both would fall below any min-p here
        float[] logits = {5f, 9f, 4f, 8f};
        int[] keeps = constrainedCounts(SamplingOptions.builder().temperature(1f).topK(0).topP(1f).minP(0.3f)
                .seed(6).build(), logits, 400);
        assertEquals(0, keeps[1] + keeps[3]);
        assertTrue(keeps[2] > 60 && keeps[2] < 160, Arrays.toString(keeps));
        int[] drops = constrainedCounts(SamplingOptions.builder().temperature(1f).topK(0).topP(1f).minP(0.4f)
                .seed(6).build(), logits, 400);
        assertArrayEquals(new int[] {400, 0, 0, 0}, drops);
    }

    @Test
    void temperatureSpreadsProbabilityOverTheAllowedIdsOnly() {
        // at temperature 2 the allowed ids 0 and 2 are drawn 62.2% / 37.8% of the time (softmax of 2.5 and 2)
        int[] counts = constrainedCounts(SamplingOptions.builder().temperature(2f).topK(0).topP(1f).minP(0f)
                .seed(8).build(), new float[] {5f, 9f, 4f, 8f}, 20_000);
        assertEquals(0, counts[1] + counts[3]);
        assertEquals(0.622, counts[0] / 20_000.0, 0.015);
    }

    @Test
    void repeatPenaltyNeverRevivesAMaskedId() {
        SamplingOptions penalised = SamplingOptions.builder().temperature(0f).repeatPenalty(2f).build();
        int[] history = {1, 3};
        assertEquals(0, new Sampler(penalised).sample(new float[] {-1f, 9f, -2f, -8f}, history, 2, new EvenIds()));
    }

    private static int[] constrainedCounts(SamplingOptions options, float[] logits, int n) {
        Sampler sampler = new Sampler(options);
        int[] counts = new int[logits.length];
        for (int i = 0; i < n; i++) {
            counts[sampler.sample(logits.clone(), NO_HISTORY, 0, new EvenIds())]++;
        }
        return counts;
    }
}
