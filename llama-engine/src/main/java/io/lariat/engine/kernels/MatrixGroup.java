package io.lariat.engine.kernels;

import java.util.List;

/**
 * Weight matrices that multiply the same input (a layer's query, key and value projections; its gate and up
 * projections), multiplied in a single parallel step: for one token the input is quantized once for the fast path's
 * rows, and for a prefill batch it is transposed once for the float tiles; the rows of all the matrices are split
 * across the pool as one range, so a step waits at one barrier per group instead of one per matrix. Other batches
 * (a few sequences' decode tokens) multiply each matrix on its own, with {@link WeightMatrix#matMul}. Immutable and
 * thread-safe.
 */
public final class MatrixGroup {
    private final WeightMatrix[] matrices;
    /** {@code ends[i]}: the group row after the last row of matrix {@code i}. */
    private final int[] ends;
    /** {@code groupEnds[i]}: likewise in the float tiles' groups of rows. */
    private final int[] groupEnds;
    private final boolean anyPacked;

    /**
     * Groups {@code matrices}, which must share their input width.
     *
     * @throws IllegalArgumentException if the list is empty or the widths differ
     */
    public MatrixGroup(List<WeightMatrix> matrices) {
        if (matrices.isEmpty()) {
            throw new IllegalArgumentException("a matrix group needs at least one matrix");
        }
        this.matrices = matrices.toArray(WeightMatrix[]::new);
        this.ends = new int[this.matrices.length];
        this.groupEnds = new int[this.matrices.length];
        int cols = this.matrices[0].cols();
        int rows = 0;
        boolean packed = false;
        for (int i = 0; i < this.matrices.length; i++) {
            WeightMatrix m = this.matrices[i];
            if (m.cols() != cols) {
                throw new IllegalArgumentException(m.name() + " has " + m.cols() + " columns, "
                        + this.matrices[0].name() + " has " + cols);
            }
            rows += m.rows();
            ends[i] = rows;
            groupEnds[i] = (i == 0 ? 0 : groupEnds[i - 1]) + m.rowGroups();
            packed |= m.packed() != null;
        }
        this.anyPacked = packed;
    }

    /** The grouped matrices, in order. */
    public List<WeightMatrix> matrices() {
        return List.of(matrices);
    }

    /**
     * {@code outs[i][b * rows_i + r] = row r of matrix i · x[b * cols ..]} for {@code batch} tokens: like
     * {@link WeightMatrix#matMul} of each matrix into {@code outs[i]}, with one parallel step for a single token.
     */
    public void matMul(WorkerPool pool, float[] x, int batch, float[][] outs) {
        if (outs.length != matrices.length) {
            throw new IllegalArgumentException(matrices.length + " matrices need as many outputs, got "
                    + outs.length);
        }
        if (batch >= WeightMatrix.TRANSPOSED_TILE_BATCH && sharesTiles(batch)) {
            int stride = FloatTiles.paddedTokens(batch);
            float[] xT = matrices[0].transposeTokens(pool, x, batch, stride);
            pool.forRange(groupEnds[groupEnds.length - 1], (start, end) -> tiles(xT, stride, batch, outs, start, end));
            return;
        }
        if (!rowWise(batch)) {
            for (int i = 0; i < matrices.length; i++) {
                matrices[i].matMul(pool, x, batch, outs[i]);
            }
            return;
        }
        QuantizedActivations[] quantized = null;
        if (anyPacked) {
            // each token quantized once for all the group's packed matrices (not once per matrix)
            quantized = QuantizedActivations.forThread(batch);
            for (int b = 0; b < batch; b++) {
                quantized[b].quantize(x, b * matrices[0].cols(), matrices[0].cols());
            }
        }
        QuantizedActivations[] input = quantized;
        pool.forRange(ends[ends.length - 1], (start, end) -> rows(x, input, batch, outs, start, end));
    }

    /**
     * Whether {@code batch} tokens take row-wise products in every matrix (one token; or a small batch, one decode
     * token of each of a few sequences, that no matrix multiplies in float tiles), so that the group is one
     * parallel step over all its rows.
     */
    private boolean rowWise(int batch) {
        if (batch == 1) {
            return true;
        }
        for (WeightMatrix m : matrices) {
            if (m.tiles(batch) || m.packed() != null && batch > WeightMatrix.PACKED_TOKEN_BLOCK) {
                return false;
            }
        }
        return true;
    }

    /**
     * Group rows {@code [start, end)} for {@code batch} tokens, each matrix's part in its own output: packed rows
     * with the quantized tokens, others with the kernel's dot products (shared across a small batch).
     */
    private void rows(float[] x, QuantizedActivations[] quantized, int batch, float[][] outs, int start, int end) {
        int first = 0;
        for (int i = 0; i < matrices.length && start < end; i++) {
            int last = ends[i];
            if (start < last) {
                int to = Math.min(end, last);
                WeightMatrix m = matrices[i];
                float[] out = outs[i];
                PackedRows packed = m.packed();
                if (packed != null && batch == 1) {
                    packed.dotRows(start - first, to - first, quantized[0], out, start - first);
                } else if (packed != null) {
                    for (int r = start - first; r < to - first; r++) {
                        packed.dots(r, quantized, batch, out, r, m.rows());
                    }
                } else if (batch == 1) {
                    MatrixKernel kernel = m.kernel();
                    long rowBytes = m.rowBytes();
                    for (int r = start - first; r < to - first; r++) {
                        out[r] = kernel.dot(m.data(), r * rowBytes, x, 0, m.cols());
                    }
                } else {
                    MatrixKernel kernel = m.kernel();
                    long rowBytes = m.rowBytes();
                    for (int r = start - first; r < to - first; r++) {
                        kernel.dots(m.data(), r * rowBytes, x, batch, m.cols(), out, r, m.rows());
                    }
                }
                start = to;
            }
            first = last;
        }
    }

    /** Whether every matrix takes the float tiles for {@code batch} tokens, with activations in the same order. */
    private boolean sharesTiles(int batch) {
        for (WeightMatrix m : matrices) {
            if (!m.tiles(batch) || (m.packed() == null) != (matrices[0].packed() == null)) {
                return false;
            }
        }
        return true;
    }

    /** Group row groups {@code [start, end)} of the float tiles, each matrix's part in its own output. */
    private void tiles(float[] xT, int stride, int batch, float[][] outs, int start, int end) {
        int first = 0;
        for (int i = 0; i < matrices.length && start < end; i++) {
            int last = groupEnds[i];
            if (start < last) {
                int to = Math.min(end, last);
                matrices[i].tileRows(xT, stride, batch, start - first, to - first, outs[i]);
                start = to;
            }
            first = last;
        }
    }
}
