package io.lariat.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VocabSoftmaxTest {

    @Test
    void extraLogitGivesExactlyTheFullVocabularySoftmax() {
        int full = 128_256;
        SplittableRandom random = new SplittableRandom(9);
        BitSet used = new BitSet();
        while (used.cardinality() < 3000) {
            used.set(random.nextInt(full));
        }
        TrainedVocab vocab = TrainedVocab.of(full, used);
        float[] compact = new float[vocab.size()];
        double[] naive = new double[full];
        for (int row = 0; row < vocab.size(); row++) {
            compact[row] = (float) (random.nextDouble() * 30 - 10);
            naive[vocab.id(row)] = compact[row];
        }
        int targetRow = 1234;
        double max = 0;
        for (double z : naive) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (double z : naive) {
            sum += Math.exp(z - max);
        }
        double naiveLoss = max + Math.log(sum) - naive[vocab.id(targetRow)];
        float[] grad = compact.clone();
        double loss = VocabSoftmax.lossAndGradient(grad, 0, grad.length, targetRow, vocab.untrainedLogit(), 1f);
        assertEquals(naiveLoss, loss, 1e-4);
        for (int row = 0; row < vocab.size(); row += 97) {
            double p = Math.exp(naive[vocab.id(row)] - max) / sum;
            assertEquals(p - (row == targetRow ? 1 : 0), grad[row], 1e-6, "row " + row);
        }
    }

    @Test
    void untrainedTokensShareTheRemainingProbability() {
        BitSet used = new BitSet();
        used.set(0, 10);
        TrainedVocab vocab = TrainedVocab.of(110, used);
        float[] zeros = new float[10];
        assertEquals(Math.log(110), VocabSoftmax.logSumExp(zeros, 0, 10, vocab.untrainedLogit()), 1e-6);
        assertEquals(100, vocab.untrainedCount());
    }
}
