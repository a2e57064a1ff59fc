package io.lariat.engine.train;

import io.lariat.engine.train.Gemm.Band;
import io.lariat.engine.train.Gemm.Operand;
import io.lariat.engine.train.ParameterLayout.Block;
import java.util.Arrays;

/**
 * Forward and backward pass of the Llama architecture over one sequence, in float32.
 *
 * <p>The forward pass keeps every activation the backward pass needs; the loss is the full-vocabulary
 * cross-entropy on the example's target tokens (see {@link VocabSoftmax}). Gradients are added to the caller's
 * flat gradient array in {@link ParameterLayout} order. One instance owns its buffers (sized for {@code maxT}
 * positions) and serves one thread at a time.
 */
final class TrainingPass {

    private final ParameterLayout layout;
    private final TrainConfig c;
    private final TrainedVocab vocab;
    private final int maxT;
    private final Rope rope;
    private final AttentionCore attention;
    private final float[][] resid;
    private final float[][] xn;
    private final float[][] rmsA;
    private final float[][] q;
    private final float[][] k;
    private final float[][] v;
    private final float[][] probs;
    private final float[][] att;
    private final float[][] xMid;
    private final float[][] xn2;
    private final float[][] rmsF;
    private final float[][] gate;
    private final float[][] up;
    private final float[][] act;
    private final float[] xf;
    private final float[] rmsO;
    private final int[] rows;
    private final int[] positions;
    private final int[] targets;
    private final float[] gathered;
    private final float[] logits;
    private final float[] dx;
    private final float[] dxn;
    private final float[] dq;
    private final float[] dk;
    private final float[] dv;
    private final float[] datt;
    private final float[] dgate;
    private final float[] dup;
    private final float[] dact;

    TrainingPass(ParameterLayout layout, TrainedVocab vocab, int maxT) {
        this.layout = layout;
        this.c = layout.config();
        this.vocab = vocab;
        this.maxT = maxT;
        int d = c.dim();
        int layers = c.layers();
        int f = c.ffnDim();
        this.rope = new Rope(c.headDim(), maxT, c.ropeTheta());
        this.attention = new AttentionCore(c, maxT);
        resid = new float[layers + 1][maxT * d];
        xn = new float[layers][maxT * d];
        rmsA = new float[layers][maxT];
        q = new float[layers][maxT * d];
        k = new float[layers][maxT * c.kvDim()];
        v = new float[layers][maxT * c.kvDim()];
        probs = new float[layers][c.heads() * maxT * maxT];
        att = new float[layers][maxT * d];
        xMid = new float[layers][maxT * d];
        xn2 = new float[layers][maxT * d];
        rmsF = new float[layers][maxT];
        gate = new float[layers][maxT * f];
        up = new float[layers][maxT * f];
        act = new float[layers][maxT * f];
        xf = new float[maxT * d];
        rmsO = new float[maxT];
        rows = new int[maxT];
        positions = new int[maxT];
        targets = new int[maxT];
        gathered = new float[maxT * d];
        logits = new float[maxT * vocab.size()];
        dx = new float[maxT * d];
        dxn = new float[maxT * d];
        dq = new float[maxT * d];
        dk = new float[maxT * c.kvDim()];
        dv = new float[maxT * c.kvDim()];
        datt = new float[maxT * d];
        dgate = new float[maxT * f];
        dup = new float[maxT * f];
        dact = new float[maxT * f];
    }

    /**
     * Runs the sequence and returns its summed target loss (nats); when {@code grad} is not null, adds the
     * gradient of {@code lossScale ×} that loss to it.
     */
    double run(TrainingExample example, StepWeights w, float[] grad, float lossScale) {
        int t = inputLength(example);
        int m = prepare(example, t);
        embed(w.values(), t);
        for (int l = 0; l < c.layers(); l++) {
            layerForward(l, w, t);
        }
        double loss = lossForward(w, t, m, lossScale);
        if (grad != null) {
            lossBackward(w, grad, t, m);
            for (int l = c.layers() - 1; l >= 0; l--) {
                layerBackward(l, w, grad, t);
            }
            embedBackward(grad, t);
        }
        return loss;
    }

    /** Positions that are inputs to some target: up to the one before the last target. */
    private int inputLength(TrainingExample example) {
        int last = 0;
        for (int i = 1; i < example.length(); i++) {
            if (example.isTarget(i)) {
                last = i;
            }
        }
        if (last == 0) {
            throw new TrainingException("example has no target tokens: " + example);
        }
        if (last > maxT) {
            throw new TrainingException("example needs " + last + " positions, more than the " + maxT + " allowed");
        }
        return last;
    }

    /** Maps tokens to compact rows and collects target positions; returns the number of targets. */
    private int prepare(TrainingExample example, int t) {
        int m = 0;
        for (int i = 0; i <= t; i++) {
            int row = vocab.row(example.token(i));
            if (row < 0) {
                throw new TrainingException("token " + example.token(i) + " is not in the trained vocabulary");
            }
            if (i < t) {
                rows[i] = row;
            }
            if (i > 0 && example.isTarget(i)) {
                positions[m] = i - 1;
                targets[m++] = row;
            }
        }
        return m;
    }

    private void embed(float[] weights, int t) {
        int d = c.dim();
        for (int i = 0; i < t; i++) {
            System.arraycopy(weights, layout.embedding() + rows[i] * d, resid[0], i * d, d);
        }
    }

    private void layerForward(int l, StepWeights w, int t) {
        Block b = layout.block(l);
        int d = c.dim();
        int kv = c.kvDim();
        int f = c.ffnDim();
        float[] wv = w.values();
        float[] wt = w.transposed();
        // attention: norm, projections, rotary positions, causal attention, output projection, residual
        RmsNorm.forward(resid[l], wv, b.attnNorm(), xn[l], rmsA[l], t, d, c.rmsEps());
        linear(xn[l], t, d, wt, b.wq(), d, q[l]);
        linear(xn[l], t, d, wt, b.wk(), kv, k[l]);
        linear(xn[l], t, d, wt, b.wv(), kv, v[l]);
        rope.rotate(q[l], t, d);
        rope.rotate(k[l], t, kv);
        attention.forward(q[l], k[l], v[l], probs[l], att[l], t);
        linear(att[l], t, d, wt, b.wo(), d, dx);
        add(resid[l], dx, xMid[l], t * d);
        // feed-forward: norm, SwiGLU (silu(gate) ⊙ up), down projection, residual
        RmsNorm.forward(xMid[l], wv, b.ffnNorm(), xn2[l], rmsF[l], t, d, c.rmsEps());
        linear(xn2[l], t, d, wt, b.gate(), f, gate[l]);
        linear(xn2[l], t, d, wt, b.up(), f, up[l]);
        VectorMath.swiglu(gate[l], up[l], act[l], t * f);
        linear(act[l], t, f, wt, b.down(), d, dx);
        add(xMid[l], dx, resid[l + 1], t * d);
    }

    private void layerBackward(int l, StepWeights w, float[] grad, int t) {
        Block b = layout.block(l);
        int d = c.dim();
        int kv = c.kvDim();
        int f = c.ffnDim();
        float[] wv = w.values();
        // feed-forward, in reverse; dx holds the gradient of this block's output
        Arrays.fill(dact, 0, t * f, 0f);
        linearBackward(act[l], dx, t, f, d, wv, b.down(), dact, grad);
        VectorMath.swigluBackward(gate[l], up[l], dact, dgate, dup, t * f);
        Arrays.fill(dxn, 0, t * d, 0f);
        linearBackward(xn2[l], dgate, t, d, f, wv, b.gate(), dxn, grad);
        linearBackward(xn2[l], dup, t, d, f, wv, b.up(), dxn, grad);
        RmsNorm.backward(xMid[l], wv, b.ffnNorm(), rmsF[l], dxn, dx, grad, t, d);
        // attention, in reverse; dx now holds the gradient of the middle residual
        Arrays.fill(datt, 0, t * d, 0f);
        linearBackward(att[l], dx, t, d, d, wv, b.wo(), datt, grad);
        Arrays.fill(dq, 0, t * d, 0f);
        Arrays.fill(dk, 0, t * kv, 0f);
        Arrays.fill(dv, 0, t * kv, 0f);
        attention.backward(q[l], k[l], v[l], probs[l], datt, dq, dk, dv, t);
        rope.rotateBack(dq, t, d);
        rope.rotateBack(dk, t, kv);
        Arrays.fill(dxn, 0, t * d, 0f);
        linearBackward(xn[l], dq, t, d, d, wv, b.wq(), dxn, grad);
        linearBackward(xn[l], dk, t, d, kv, wv, b.wk(), dxn, grad);
        linearBackward(xn[l], dv, t, d, kv, wv, b.wv(), dxn, grad);
        RmsNorm.backward(resid[l], wv, b.attnNorm(), rmsA[l], dxn, dx, grad, t, d);
    }

    /** Final norm, tied output over the trained rows at target positions only, and the loss gradient in place. */
    private double lossForward(StepWeights w, int t, int m, float lossScale) {
        int d = c.dim();
        int n = vocab.size();
        RmsNorm.forward(resid[c.layers()], w.values(), layout.outputNorm(), xf, rmsO, t, d, c.rmsEps());
        for (int j = 0; j < m; j++) {
            System.arraycopy(xf, positions[j] * d, gathered, j * d, d);
        }
        Arrays.fill(logits, 0, m * n, 0f);
        Gemm.multiplyAdd(m, n, d, Operand.rows(gathered, 0, d), w.transposed(), layout.embedding(), n,
                logits, 0, n, Band.FULL);
        double loss = 0;
        float extra = vocab.untrainedLogit();
        for (int j = 0; j < m; j++) {
            loss += VocabSoftmax.lossAndGradient(logits, j * n, n, targets[j], extra, lossScale);
        }
        return loss;
    }

    private void lossBackward(StepWeights w, float[] grad, int t, int m) {
        int d = c.dim();
        int n = vocab.size();
        Arrays.fill(dq, 0, m * d, 0f);
        Gemm.multiplyAdd(m, d, n, Operand.rows(logits, 0, n), w.values(), layout.embedding(), d,
                dq, 0, d, Band.FULL);
        Gemm.multiplyAdd(n, d, m, Operand.transposed(logits, 0, n), gathered, 0, d,
                grad, layout.embedding(), d, Band.FULL);
        Arrays.fill(dxn, 0, t * d, 0f);
        for (int j = 0; j < m; j++) {
            System.arraycopy(dq, j * d, dxn, positions[j] * d, d);
        }
        Arrays.fill(dx, 0, t * d, 0f);
        RmsNorm.backward(resid[c.layers()], w.values(), layout.outputNorm(), rmsO, dxn, dx, grad, t, d);
    }

    private void embedBackward(float[] grad, int t) {
        int d = c.dim();
        for (int i = 0; i < t; i++) {
            int o = layout.embedding() + rows[i] * d;
            for (int j = 0; j < d; j++) {
                grad[o + j] += dx[i * d + j];
            }
        }
    }

    /** {@code y = x · W^T} for {@code t} rows, reading the transposed weight {@code in × out}. */
    private static void linear(float[] x, int t, int in, float[] wt, int off, int out, float[] y) {
        Arrays.fill(y, 0, t * out, 0f);
        Gemm.multiplyAdd(t, out, in, Operand.rows(x, 0, in), wt, off, out, y, 0, out, Band.FULL);
    }

    /** Adds {@code dy · W} to {@code dx} and {@code dy^T · x} to the weight's gradient. */
    private static void linearBackward(float[] x, float[] dy, int t, int in, int out, float[] w, int off,
                                       float[] dxOut, float[] grad) {
        Gemm.multiplyAdd(t, in, out, Operand.rows(dy, 0, out), w, off, in, dxOut, 0, in, Band.FULL);
        Gemm.multiplyAdd(out, in, t, Operand.transposed(dy, 0, out), x, 0, in, grad, off, in, Band.FULL);
    }

    private static void add(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] + b[i];
        }
    }
}
