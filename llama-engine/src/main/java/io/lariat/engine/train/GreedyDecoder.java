package io.lariat.engine.train;

import io.lariat.engine.train.Gemm.Band;
import io.lariat.engine.train.Gemm.Operand;
import io.lariat.engine.train.ParameterLayout.Block;
import java.util.Arrays;

/**
 * Greedy generation with a trained model's own float32 weights and a key/value cache: a quick accuracy check
 * that needs no inference engine.
 *
 * <p>The next token is the argmax over the full vocabulary: trained rows' logits against the untrained rows'
 * exact 0 (ties go to the lowest id, as llama.cpp's greedy sampler does). One instance holds one sequence; not
 * thread-safe.
 */
public final class GreedyDecoder {

    private final ParameterLayout layout;
    private final TrainConfig c;
    private final TrainedVocab vocab;
    private final StepWeights weights;
    private final Rope rope;
    private final int capacity;
    private final float[][] keys;
    private final float[][] values;
    private final float[] x;
    private final float[] xn;
    private final float[] q;
    private final float[] k;
    private final float[] v;
    private final float[] att;
    private final float[] tmp;
    private final float[] gate;
    private final float[] up;
    private final float[] scores;
    private final float[] logits;
    private final float[] inv = new float[1];
    private final int firstUntrained;
    private int position;

    /** A decoder for sequences of at most {@code capacity} tokens. */
    public GreedyDecoder(TrainedModel model, int capacity) {
        this.layout = model.layout();
        this.c = model.config();
        this.vocab = model.vocab();
        this.weights = new StepWeights(layout, model.values());
        this.rope = new Rope(c.headDim(), capacity, c.ropeTheta());
        this.capacity = capacity;
        this.keys = new float[c.layers()][capacity * c.kvDim()];
        this.values = new float[c.layers()][capacity * c.kvDim()];
        int d = c.dim();
        x = new float[d];
        xn = new float[d];
        q = new float[d];
        k = new float[c.kvDim()];
        v = new float[c.kvDim()];
        att = new float[d];
        tmp = new float[d];
        gate = new float[c.ffnDim()];
        up = new float[c.ffnDim()];
        scores = new float[capacity];
        logits = new float[vocab.size()];
        firstUntrained = firstUntrained(vocab);
    }

    /** Feeds {@code prompt}, then generates until a stop id or {@code maxTokens}; returns the generated ids. */
    public int[] generate(int[] prompt, int maxTokens, int... stopIds) {
        position = 0;
        for (int id : prompt) {
            feed(id);
        }
        int[] out = new int[maxTokens];
        int n = 0;
        while (n < maxTokens && position < capacity) {
            int next = argmax();
            out[n++] = next;
            if (Arrays.stream(stopIds).anyMatch(s -> s == next)) {
                break;
            }
            feed(next);
        }
        return Arrays.copyOf(out, n);
    }

    /** The trained rows' logits after feeding {@code prompt} from position 0 (untrained ids have logit 0). */
    float[] logitsAfter(int[] prompt) {
        position = 0;
        for (int id : prompt) {
            feed(id);
        }
        argmax();
        return logits.clone();
    }

    private void feed(int id) {
        if (position >= capacity) {
            throw new TrainingException("sequence longer than the decoder's capacity of " + capacity);
        }
        int d = c.dim();
        int row = vocab.row(id);
        if (row < 0) {
            Arrays.fill(x, 0f);
        } else {
            System.arraycopy(weights.values(), layout.embedding() + row * d, x, 0, d);
        }
        for (int l = 0; l < c.layers(); l++) {
            attentionStep(l);
            feedForwardStep(l);
        }
        position++;
    }

    private void attentionStep(int l) {
        Block b = layout.block(l);
        int d = c.dim();
        int kv = c.kvDim();
        int hd = c.headDim();
        RmsNorm.forward(x, weights.values(), b.attnNorm(), xn, inv, 1, d, c.rmsEps());
        matvec(xn, d, b.wq(), d, q);
        matvec(xn, d, b.wk(), kv, k);
        matvec(xn, d, b.wv(), kv, v);
        rope.rotateAt(q, position, d);
        rope.rotateAt(k, position, kv);
        System.arraycopy(k, 0, keys[l], position * kv, kv);
        System.arraycopy(v, 0, values[l], position * kv, kv);
        float scale = (float) (1.0 / Math.sqrt(hd));
        int group = c.heads() / c.kvHeads();
        Arrays.fill(att, 0f);
        for (int h = 0; h < c.heads(); h++) {
            int g = h / group;
            for (int u = 0; u <= position; u++) {
                float s = 0f;
                for (int i = 0; i < hd; i++) {
                    s += q[h * hd + i] * keys[l][u * kv + g * hd + i];
                }
                scores[u] = s;
            }
            float max = VectorMath.max(scores, 0, position + 1, Float.NEGATIVE_INFINITY) * scale;
            float sum = VectorMath.expAndSum(scores, 0, position + 1, scale, max);
            for (int u = 0; u <= position; u++) {
                float p = scores[u] / sum;
                for (int i = 0; i < hd; i++) {
                    att[h * hd + i] += p * values[l][u * kv + g * hd + i];
                }
            }
        }
        matvec(att, d, b.wo(), d, tmp);
        for (int i = 0; i < d; i++) {
            x[i] += tmp[i];
        }
    }

    private void feedForwardStep(int l) {
        Block b = layout.block(l);
        int d = c.dim();
        int f = c.ffnDim();
        RmsNorm.forward(x, weights.values(), b.ffnNorm(), xn, inv, 1, d, c.rmsEps());
        matvec(xn, d, b.gate(), f, gate);
        matvec(xn, d, b.up(), f, up);
        VectorMath.swiglu(gate, up, gate, f);
        matvec(gate, f, b.down(), d, tmp);
        for (int i = 0; i < d; i++) {
            x[i] += tmp[i];
        }
    }

    private int argmax() {
        int d = c.dim();
        RmsNorm.forward(x, weights.values(), layout.outputNorm(), xn, inv, 1, d, c.rmsEps());
        matvec(xn, d, layout.embedding(), vocab.size(), logits);
        int best = -1;
        float bestLogit = 0f;
        for (int row = 0; row < vocab.size(); row++) {
            int id = vocab.id(row);
            if (logits[row] > bestLogit || (logits[row] == bestLogit && best < 0 && id < firstUntrained)) {
                best = id;
                bestLogit = logits[row];
            }
        }
        return best < 0 ? firstUntrained : best;
    }

    private static int firstUntrained(TrainedVocab vocab) {
        int id = 0;
        while (vocab.row(id) >= 0) {
            id++;
        }
        return id;
    }

    private void matvec(float[] in, int n, int off, int out, float[] y) {
        Arrays.fill(y, 0, out, 0f);
        Gemm.multiplyAdd(1, out, n, Operand.rows(in, 0, n), weights.transposed(), off, out, y, 0, out, Band.FULL);
    }
}
