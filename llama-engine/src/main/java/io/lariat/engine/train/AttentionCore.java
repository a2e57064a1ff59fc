package io.lariat.engine.train;

import io.lariat.engine.train.Gemm.Band;
import io.lariat.engine.train.Gemm.Operand;
import java.util.Arrays;

/**
 * Causal grouped-query attention on rotated queries and keys: forward keeps the probabilities, backward turns
 * the output gradient into query, key and value gradients.
 *
 * <p>Query head {@code h} reads key/value head {@code h / (heads / kvHeads)}, as llama.cpp does. Owns scratch
 * buffers sized for {@code maxT} positions, so one instance serves one thread.
 */
final class AttentionCore {

    private final int heads;
    private final int headDim;
    private final int group;
    private final int dim;
    private final int kvDim;
    private final float scale;
    private final float[] transposed;
    private final float[] scratch;

    AttentionCore(TrainConfig config, int maxT) {
        this.heads = config.heads();
        this.headDim = config.headDim();
        this.group = config.heads() / config.kvHeads();
        this.dim = config.dim();
        this.kvDim = config.kvDim();
        this.scale = (float) (1.0 / Math.sqrt(headDim));
        this.transposed = new float[headDim * maxT];
        this.scratch = new float[maxT * maxT];
    }

    /** Fills {@code probs} ({@code heads × T × T}) and {@code out} ({@code T × dim}) from q, k, v. */
    void forward(float[] q, float[] k, float[] v, float[] probs, float[] out, int t) {
        Arrays.fill(out, 0, t * dim, 0f);
        for (int h = 0; h < heads; h++) {
            int g = h / group;
            int p = h * t * t;
            Arrays.fill(probs, p, p + t * t, 0f);
            transpose(k, g * headDim, t);
            Gemm.multiplyAdd(t, t, headDim, Operand.rows(q, h * headDim, dim), transposed, 0, t,
                    probs, p, t, Band.COLUMNS_UP_TO_ROW);
            for (int row = 0; row < t; row++) {
                softmaxRow(probs, p + row * t, row + 1, t);
            }
            Gemm.multiplyAdd(t, headDim, t, Operand.rows(probs, p, t), v, g * headDim, kvDim,
                    out, h * headDim, dim, Band.INNER_UP_TO_ROW);
        }
    }

    /** Adds to dq, dk, dv the gradients given {@code dOut} ({@code T × dim}). */
    void backward(float[] q, float[] k, float[] v, float[] probs, float[] dOut,
                  float[] dq, float[] dk, float[] dv, int t) {
        for (int h = 0; h < heads; h++) {
            int g = h / group;
            int p = h * t * t;
            Arrays.fill(scratch, 0, t * t, 0f);
            transpose(v, g * headDim, t);
            Gemm.multiplyAdd(t, t, headDim, Operand.rows(dOut, h * headDim, dim), transposed, 0, t,
                    scratch, 0, t, Band.COLUMNS_UP_TO_ROW);
            Gemm.multiplyAdd(t, headDim, t, Operand.transposed(probs, p, t), dOut, h * headDim, dim,
                    dv, g * headDim, kvDim, Band.INNER_FROM_ROW);
            for (int row = 0; row < t; row++) {
                softmaxBackwardRow(probs, p + row * t, scratch, row * t, row + 1, t);
            }
            Gemm.multiplyAdd(t, headDim, t, Operand.rows(scratch, 0, t), k, g * headDim, kvDim,
                    dq, h * headDim, dim, Band.INNER_UP_TO_ROW);
            Gemm.multiplyAdd(t, headDim, t, Operand.transposed(scratch, 0, t), q, h * headDim, dim,
                    dk, g * headDim, kvDim, Band.INNER_FROM_ROW);
        }
    }

    /** Copies one head's slice of a {@code T × kvDim} matrix into {@code transposed} as {@code headDim × T}. */
    private void transpose(float[] src, int off, int t) {
        for (int row = 0; row < t; row++) {
            for (int i = 0; i < headDim; i++) {
                transposed[i * t + row] = src[row * kvDim + off + i];
            }
        }
    }

    /** Scaled, causal softmax of one score row in place; entries past the diagonal become 0. */
    private void softmaxRow(float[] s, int off, int valid, int t) {
        float max = VectorMath.max(s, off, valid, Float.NEGATIVE_INFINITY) * scale;
        float sum = VectorMath.expAndSum(s, off, valid, scale, max);
        VectorMath.scale(s, off, valid, 1f / sum);
        Arrays.fill(s, off + valid, off + t, 0f);
    }

    /** Turns dP into the (scaled) score gradient {@code P ⊙ (dP − Σ P dP) · scale}, zero past the diagonal. */
    private void softmaxBackwardRow(float[] probs, int pOff, float[] d, int dOff, int valid, int t) {
        float dot = 0f;
        for (int u = 0; u < valid; u++) {
            dot += probs[pOff + u] * d[dOff + u];
        }
        for (int u = 0; u < valid; u++) {
            d[dOff + u] = probs[pOff + u] * (d[dOff + u] - dot) * scale;
        }
        Arrays.fill(d, dOff + valid, dOff + t, 0f);
    }
}
