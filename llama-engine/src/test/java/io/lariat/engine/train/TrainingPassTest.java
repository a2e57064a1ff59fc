package io.lariat.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrainingPassTest {

    private static final TrainConfig TINY = new TrainConfig(8, 2, 4, 2, 12, 10_000f, 1e-5f, 64);
    private static final int FULL_VOCAB = 40;

    static Stream<String> tensorNames() {
        return Stream.of("token_embd.weight", "output_norm.weight", "blk.0.attn_norm.weight", "blk.1.attn_q.weight",
                "blk.0.attn_k.weight", "blk.1.attn_v.weight", "blk.0.attn_output.weight", "blk.1.ffn_norm.weight",
                "blk.0.ffn_gate.weight", "blk.1.ffn_up.weight", "blk.0.ffn_down.weight");
    }

    @ParameterizedTest
    @MethodSource("tensorNames")
    void analyticGradientMatchesFiniteDifferences(String tensorName) {
        TrainedVocab vocab = vocab();
        ParameterLayout layout = new ParameterLayout(TINY, vocab.size());
        float[] values = ParameterInit.initialize(layout, 7);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < values.length; i++) {
            values[i] += (float) (random.nextDouble() - 0.5) * 0.6f;
        }
        StepWeights weights = new StepWeights(layout, values);
        TrainingPass pass = new TrainingPass(layout, vocab, 16);
        TrainingExample example = example(vocab);
        float[] grad = new float[layout.size()];
        pass.run(example, weights, grad, 1f);
        ParameterLayout.Tensor tensor = layout.tensors().stream()
                .filter(t -> t.name().equals(tensorName)).findFirst().orElseThrow();
        int checked = 0;
        for (int i = tensor.offset(); i < tensor.offset() + tensor.size(); i++) {
            double numeric = numericGradient(pass, weights, example, i);
            double tolerance = 2e-3 + 2e-2 * Math.abs(numeric);
            assertEquals(numeric, grad[i], tolerance, tensorName + " element " + (i - tensor.offset()));
            checked++;
        }
        assertEquals(tensor.size(), checked);
    }

    @ParameterizedTest
    @MethodSource("tensorNames")
    void gradientIsNotTriviallyZero(String tensorName) {
        TrainedVocab vocab = vocab();
        ParameterLayout layout = new ParameterLayout(TINY, vocab.size());
        StepWeights weights = new StepWeights(layout, ParameterInit.initialize(layout, 7));
        float[] grad = new float[layout.size()];
        new TrainingPass(layout, vocab, 16).run(example(vocab), weights, grad, 1f);
        ParameterLayout.Tensor tensor = layout.tensors().stream()
                .filter(t -> t.name().equals(tensorName)).findFirst().orElseThrow();
        double norm = 0;
        for (int i = tensor.offset(); i < tensor.offset() + tensor.size(); i++) {
            norm += grad[i] * grad[i];
        }
        assertTrue(norm > 1e-12, tensorName + " gradient norm " + norm);
    }

    @ParameterizedTest
    @MethodSource("tensorNames")
    void analyticGradientMatchesFiniteDifferencesAtVectorSizes(String tensorName) {
        TrainConfig config = new TrainConfig(64, 2, 4, 2, 128, 500_000f, 1e-5f, 128);
        TrainedVocab vocab = vocab();
        ParameterLayout layout = new ParameterLayout(config, vocab.size());
        float[] values = ParameterInit.initialize(layout, 11);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < values.length; i++) {
            values[i] += (float) (random.nextDouble() - 0.5) * 0.2f;
        }
        StepWeights weights = new StepWeights(layout, values);
        TrainingPass pass = new TrainingPass(layout, vocab, 80);
        TrainingExample example = longExample(random, 70);
        float[] grad = new float[layout.size()];
        pass.run(example, weights, grad, 1f);
        ParameterLayout.Tensor tensor = layout.tensors().stream()
                .filter(t -> t.name().equals(tensorName)).findFirst().orElseThrow();
        for (int n = 0; n < 24; n++) {
            int i = tensor.offset() + random.nextInt(tensor.size());
            double numeric = numericGradient(pass, weights, example, i);
            double tolerance = 4e-3 + 3e-2 * Math.abs(numeric);
            assertEquals(numeric, grad[i], tolerance, tensorName + " element " + (i - tensor.offset()));
        }
    }

    private static TrainingExample longExample(SplittableRandom random, int length) {
        int[] ids = vocab().ids();
        int[] tokens = new int[length];
        boolean[] target = new boolean[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = ids[random.nextInt(ids.length)];
            target[i] = i > 0 && random.nextInt(3) > 0;
        }
        return new TrainingExample(tokens, target);
    }

    private static double numericGradient(TrainingPass pass, StepWeights weights, TrainingExample example, int i) {
        float[] v = weights.values();
        float saved = v[i];
        float h = 1e-2f;
        v[i] = saved + h;
        weights.refresh();
        double plus = pass.run(example, weights, null, 1f);
        v[i] = saved - h;
        weights.refresh();
        double minus = pass.run(example, weights, null, 1f);
        v[i] = saved;
        weights.refresh();
        return (plus - minus) / (2 * h);
    }

    static TrainedVocab vocab() {
        BitSet used = new BitSet();
        for (int id : List.of(1, 3, 4, 7, 9, 12, 20, 33, 38)) {
            used.set(id);
        }
        return TrainedVocab.of(FULL_VOCAB, used);
    }

    static TrainingExample example(TrainedVocab vocab) {
        int[] tokens = {1, 7, 3, 12, 9, 33, 4, 20, 38, 7, 12};
        boolean[] target = {false, false, false, true, true, false, true, true, true, false, true};
        return new TrainingExample(tokens, target);
    }
}
