package io.lariat.engine.train;

import java.util.SplittableRandom;

/**
 * Seeded initial weights: norms at 1, matrices and the embedding normal with standard deviation 0.02, the
 * projections that write into the residual stream scaled down by {@code sqrt(2 · layers)} (GPT-2's rule, which
 * keeps the residual's variance flat with depth). The same seed always gives the same weights.
 */
final class ParameterInit {

    private static final double STD = 0.02;

    private ParameterInit() {
    }

    static float[] initialize(ParameterLayout layout, long seed) {
        float[] values = new float[layout.size()];
        SplittableRandom random = new SplittableRandom(seed);
        double residualStd = STD / Math.sqrt(2.0 * layout.config().layers());
        for (ParameterLayout.Tensor t : layout.tensors()) {
            double std = t.name().endsWith("attn_output.weight") || t.name().endsWith("ffn_down.weight")
                    ? residualStd : STD;
            for (int i = t.offset(); i < t.offset() + t.size(); i++) {
                values[i] = t.kind() == ParameterLayout.Kind.NORM ? 1f : (float) (gaussian(random) * std);
            }
        }
        return values;
    }

    /** A standard normal sample (Box-Muller), so the stream depends only on {@link SplittableRandom}'s doubles. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
