package io.lariat.engine.model;

import io.lariat.engine.kernels.KernelPath;
import io.lariat.engine.kernels.QuantizedActivations;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Scratch buffers of the forward pass for up to {@link #capacity()} tokens at a time. One per session (or per
 * thread evaluating): a forward pass writes all of them. Not thread-safe.
 */
public final class Activations {
    final int capacity;
    final float[] x;
    final float[] xb;
    final float[] xb2;
    final float[] q;
    final float[] k;
    final float[] v;
    final float[] att;
    final float[] gate;
    final float[] up;
    /** Per token, the rotary embedding's cosines and sines of its position (the same for every layer). */
    final float[] ropeCos;
    final float[] ropeSin;
    /** The outputs of a layer's grouped projections, {@code {q, k, v}} and {@code {gate, up}}. */
    final float[][] queryKeyValue;
    final float[][] gateUp;
    /** Per run of one sequence's consecutive tokens in the batch: its first row, and the attention units up to its end. */
    final int[] runFirst;
    final int[] runUnitsEnd;
    /**
     * A decode step's quantized inputs of the packed rows ({@link DecodePass}): the normed residual stream, the
     * attention output and the feed-forward network's hidden units. Null on the scalar kernel path, which has no
     * packed rows (and no Vector API classes to load).
     */
    final QuantizedActivations normed;
    final QuantizedActivations attended;
    final QuantizedActivations hidden;
    /** Per kv head, a decode step's rows of Q, K and V of its group still to compute ({@link DecodePass}). */
    final AtomicIntegerArray rowsLeft;
    /** Per group of 32 blocks of the hidden units, a decode step's blocks still to compute ({@link DecodePass}). */
    final AtomicIntegerArray blocksLeft;
    int count;

    Activations(LlamaConfig config, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("batch capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        x = new float[capacity * config.dim()];
        xb = new float[capacity * config.dim()];
        xb2 = new float[capacity * config.dim()];
        q = new float[capacity * config.queryDim()];
        k = new float[capacity * config.kvDim()];
        v = new float[capacity * config.kvDim()];
        att = new float[capacity * config.queryDim()];
        gate = new float[capacity * config.hiddenDim()];
        up = new float[capacity * config.hiddenDim()];
        ropeCos = new float[capacity * config.headDim() / 2];
        ropeSin = new float[capacity * config.headDim() / 2];
        queryKeyValue = new float[][] {q, k, v};
        gateUp = new float[][] {gate, up};
        runFirst = new int[capacity];
        runUnitsEnd = new int[capacity];
        boolean packs = KernelPath.current() == KernelPath.VECTOR;
        normed = packs ? new QuantizedActivations() : null;
        attended = packs ? new QuantizedActivations() : null;
        hidden = packs ? new QuantizedActivations() : null;
        rowsLeft = new AtomicIntegerArray(config.kvHeads());
        blocksLeft = new AtomicIntegerArray((config.hiddenDim() / QuantizedActivations.BLOCK + QuantizedActivations.GROUP
                - 1) / QuantizedActivations.GROUP);
    }

    /** Tokens per forward step. */
    public int capacity() {
        return capacity;
    }

    /** Tokens evaluated by the last forward step. */
    public int count() {
        return count;
    }
}
