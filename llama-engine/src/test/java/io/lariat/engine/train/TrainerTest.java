package io.lariat.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    private static final TrainConfig SMALL = new TrainConfig(32, 2, 4, 2, 64, 500_000f, 1e-5f, 256);
    private static final int FULL_VOCAB = 1000;

    @TempDir
    Path dir;

    /** Sequences "a b c ... = copy": the model must learn to repeat a random 4-token key after a separator. */
    static List<TrainingExample> copyTask(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TrainingExample> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int[] tokens = new int[11];
            boolean[] target = new boolean[11];
            tokens[0] = 900;
            for (int i = 1; i <= 4; i++) {
                tokens[i] = 100 + random.nextInt(20);
                tokens[i + 5] = tokens[i];
                target[i + 5] = true;
            }
            tokens[5] = 901;
            tokens[10] = 902;
            target[10] = true;
            out.add(new TrainingExample(tokens, target));
        }
        return out;
    }

    static TrainedVocab copyVocab() {
        BitSet used = new BitSet();
        used.set(100, 120);
        used.set(900, 903);
        return TrainedVocab.of(FULL_VOCAB, used);
    }

    private static TrainOptions options(int steps, int threads) {
        return TrainOptions.builder().steps(steps).batchSize(16).learningRate(1e-2f, 1e-3f).warmupSteps(10)
                .seed(42).threads(threads).shards(4).maxPositions(16).build();
    }

    @Test
    void lossFallsOnACopyTaskAndTheModelCopiesGreedily() {
        List<StepReport> reports = new ArrayList<>();
        TrainedModel model;
        try (Trainer trainer = Trainer.start(SMALL, copyVocab(), copyTask(1, 512), options(150, 2))) {
            trainer.train(reports::add);
            double heldOut = trainer.evaluate(copyTask(2, 64));
            assertTrue(heldOut < reports.get(0).loss() / 4, "held-out loss " + heldOut + " vs initial "
                    + reports.get(0).loss());
            model = trainer.snapshot();
        }
        int correct = 0;
        GreedyDecoder decoder = new GreedyDecoder(model, 16);
        for (TrainingExample e : copyTask(3, 20)) {
            int[] generated = decoder.generate(java.util.Arrays.copyOf(e.tokens(), 6), 8, 902);
            correct += java.util.Arrays.equals(generated, java.util.Arrays.copyOfRange(e.tokens(), 6, 11)) ? 1 : 0;
        }
        assertTrue(correct >= 18, correct + " of 20 copied exactly");
        assertEquals(150, reports.size());
        assertEquals(Math.log(FULL_VOCAB), reports.get(0).loss(), 0.05, "initial loss is near uniform");
    }

    @Test
    void sameSeedGivesIdenticalWeightsWhateverTheThreadCount() {
        float[] one;
        float[] two;
        try (Trainer a = Trainer.start(SMALL, copyVocab(), copyTask(1, 64), options(6, 1))) {
            a.train(r -> { });
            one = a.snapshot().values();
        }
        try (Trainer b = Trainer.start(SMALL, copyVocab(), copyTask(1, 64), options(6, 2))) {
            b.train(r -> { });
            two = b.snapshot().values();
        }
        assertArrayEquals(one, two);
    }

    @Test
    void resumedRunContinuesExactly() {
        float[] straight;
        try (Trainer a = Trainer.start(SMALL, copyVocab(), copyTask(1, 40), options(8, 2))) {
            a.train(r -> { });
            straight = a.snapshot().values();
        }
        Path checkpoint = dir.resolve("run.ckpt");
        try (Trainer b = Trainer.start(SMALL, copyVocab(), copyTask(1, 40), options(8, 2))) {
            for (int i = 0; i < 3; i++) {
                b.runStep();
            }
            b.saveCheckpoint(checkpoint);
        }
        try (Trainer c = Trainer.resume(checkpoint, copyTask(1, 40), options(8, 2))) {
            assertEquals(3, c.step());
            c.train(r -> { });
            assertArrayEquals(straight, c.snapshot().values());
        }
    }

    @Test
    void unreadableCheckpointNamesTheFile() throws Exception {
        Path bad = dir.resolve("bad.ckpt");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        TrainingException e = assertThrows(TrainingException.class,
                () -> Trainer.resume(bad, copyTask(1, 4), options(1, 1)));
        assertEquals(bad + " is not a Lariat training checkpoint (bad magic)", e.getMessage());
    }

    @Test
    void invalidOptionsNameTheValuesGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.builder().steps(0).batchSize(24).threads(2).build());
        TrainOptions defaults = TrainOptions.builder().build();
        assertTrue(e.getMessage().endsWith(": steps 0, batch 24, warm-up " + defaults.warmupSteps() + ", threads 2, "
                + "shards " + defaults.shards() + ", positions " + defaults.maxPositions()), e.getMessage());
    }

    @Test
    void tokenOutsideTheTrainedVocabularyIsRejected() {
        TrainingExample stray = new TrainingExample(new int[] {900, 555, 100}, new boolean[] {false, false, true});
        try (Trainer trainer = Trainer.start(SMALL, copyVocab(), List.of(stray), options(1, 1))) {
            TrainingException e = assertThrows(TrainingException.class, trainer::runStep);
            assertEquals("token 555 is not in the trained vocabulary", e.getMessage());
        }
    }
}
