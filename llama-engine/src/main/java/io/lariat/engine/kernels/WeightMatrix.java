package io.lariat.engine.kernels;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * A weight matrix of {@code rows} rows of {@code cols} elements in one GGML type, read in place from its segment.
 * Matrix-by-vector products serve decode; matrix-by-matrix products serve batched prefill and read each weight row
 * once per block of tokens instead of once per token.
 *
 * <p>Activations and outputs are row-major float arrays: token {@code b} of a batch starts at {@code b * cols} in
 * the input and at {@code b * rows} in the output. Immutable and thread-safe.
 *
 * @param name   tensor name, for messages
 * @param kernel the kernel of the stored type
 * @param data   the stored rows, {@code rows * kernel.rowBytes(cols)} bytes
 * @param rows   output dimension (GGUF ne1)
 * @param cols   input dimension (GGUF ne0), a multiple of the kernel's block size
 * @param packed the rows repacked for 8-bit activations (the fast path), or {@code null} for the exact path; when
 *               present, {@code data} is never read
 */
public record WeightMatrix(String name, MatrixKernel kernel, MemorySegment data, int rows, int cols,
                           PackedRows packed) {
    /** Tokens whose quantized activations (4 KiB each at width 2048) stay in L2 while the rows stream past. */
    static final int PACKED_TOKEN_BLOCK = 32;
    /**
     * Batch from which packed rows are dequantized for float tiles rather than multiplied in 8 bits, except Q4_0's
     * ({@link #PACKED_Q4_0_TILE_BATCH}). It stays at the transposed tiles' least batch: 8-bit products cost the same
     * per token at any batch (one 8,192 x 2,048 matrix, one thread, CPU time per token: Q4_K 0.75-0.78 ms, Q6_K
     * 1.12-1.16, Q8_0 1.03-1.05), where the float tiles of 16 tokens took 0.52-0.55, 0.60 and 0.53-0.56.
     */
    static final int PACKED_TILE_BATCH = 16;
    /**
     * The same for Q4_0, whose 8-bit products are the cheapest of the packed types (0.49-0.52 ms per token of the
     * same matrix): the float tiles took 0.52-0.57 at 16 tokens, 0.56-0.63 at 18-20, 0.52 at 22, and win from 24
     * (0.47 against 0.50-0.52). At 32 both other thresholds' types would lose 1.4-2x on 16 to 31 tokens.
     */
    static final int PACKED_Q4_0_TILE_BATCH = 24;
    /**
     * Largest exact-path batch whose rows go through {@link MatrixKernel#dots} (decoded once per row, no copy);
     * larger batches dequantize rows for the float tiles, which reuse each decoded row across more tokens.
     */
    static final int SHARED_DOTS_BATCH = 4;
    /**
     * Batch from which the float tiles take transposed activations ({@link FloatTiles}: whole vectors of tokens);
     * smaller batches take row-wise dot-product tiles ({@link RowTiles}), which compute no padding lanes.
     */
    static final int TRANSPOSED_TILE_BATCH = 16;
    /** The last sum of touched bytes ({@link #touchNext}): stored so that the JIT keeps the touching loads. */
    private static int touchedSum;

    /** Validates shape against the segment size. */
    public WeightMatrix {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kernel);
        Objects.requireNonNull(data);
        if (rows < 1 || cols < 1 || cols % kernel.blockSize() != 0) {
            throw new IllegalArgumentException(name + ": bad shape " + cols + " x " + rows
                    + " for block size " + kernel.blockSize());
        }
        if (data.byteSize() < rows * kernel.rowBytes(cols)) {
            throw new IllegalArgumentException(name + ": " + data.byteSize() + " bytes hold fewer than "
                    + rows + " rows of " + kernel.rowBytes(cols) + " bytes");
        }
    }

    /** A matrix on the exact path: rows read in the file's layout with float activations. */
    public WeightMatrix(String name, MatrixKernel kernel, MemorySegment data, int rows, int cols) {
        this(name, kernel, data, rows, cols, null);
    }

    /** Bytes of one stored row. */
    public long rowBytes() {
        return kernel.rowBytes(cols);
    }

    /** Dequantizes row {@code row} into {@code dst[dstOffset .. dstOffset + cols)}. */
    public void row(int row, float[] dst, int dstOffset) {
        if (packed != null) {
            packed.dequantize(row, dst, dstOffset);
        } else {
            kernel.dequantize(data, row * rowBytes(), dst, dstOffset, cols);
        }
    }

    /** {@code out[r] = row r · x} for every row, rows split across the pool. */
    public void matVec(WorkerPool pool, float[] x, float[] out) {
        if (packed != null) {
            packedProduct(pool, x, 1, out);
            return;
        }
        long rowBytes = rowBytes();
        pool.forRange(rows, (start, end) -> {
            for (int r = start; r < end; r++) {
                out[r] = kernel.dot(data, r * rowBytes, x, 0, cols);
            }
        });
    }

    /**
     * {@code out[outOffset + r - start] = row r · x} for rows {@code [start, end)} of one token, on the calling
     * thread: packed rows with {@code quantized} (which must hold {@code x} quantized), others with {@code x}. For a
     * forward pass that splits a step's rows across the pool itself.
     */
    public void rowProducts(int start, int end, float[] x, QuantizedActivations quantized, float[] out, int outOffset) {
        if (packed != null) {
            packed.dotRows(start, end, quantized, out, outOffset);
            return;
        }
        long rowBytes = rowBytes();
        for (int r = start; r < end; r++) {
            out[outOffset + r - start] = kernel.dot(data, r * rowBytes, x, 0, cols);
        }
    }

    /**
     * {@code out[b * rows + r] = row r · x[b * cols ..]} for {@code batch} tokens. With one token this is
     * {@link #matVec}. Packed rows take the fast path's 8-bit products for a small batch (one decode token of each of
     * several sequences, where reading the weights dominates) and float tiles of their dequantized rows from
     * {@link #packedTileBatch} tokens on (prefill, where multiply-adds dominate and float tiles issue twice as many
     * per instruction); the exact path shares each decoded row across up to {@link #SHARED_DOTS_BATCH} tokens, takes
     * the row tiles below {@link #TRANSPOSED_TILE_BATCH} tokens and the transposed float tiles from there on.
     */
    public void matMul(WorkerPool pool, float[] x, int batch, float[] out) {
        if (batch == 1) {
            matVec(pool, x, out);
        } else if (tiles(batch) && batch < TRANSPOSED_TILE_BATCH) {
            rowTiledProduct(pool, x, batch, out);
        } else if (tiles(batch)) {
            int stride = FloatTiles.paddedTokens(batch);
            float[] xT = transposeTokens(pool, x, batch, stride);
            pool.forRange(rowGroups(), (start, end) -> tileRows(xT, stride, batch, start, end, out));
        } else if (packed == null) {
            sharedDots(pool, x, batch, out);
        } else {
            packedProduct(pool, x, batch, out);
        }
    }

    /** Whether a product of {@code batch} tokens (at least 2) takes the float tiles; see {@link #matMul}. */
    boolean tiles(int batch) {
        // the scalar path has no float tiles: its kernels decode each row once for the whole batch
        if (packed == null) {
            return !kernel.sharesDots() || batch > SHARED_DOTS_BATCH && !(kernel instanceof ScalarKernel);
        }
        return batch >= packedTileBatch(kernel);
    }

    /** The batch from which packed rows of {@code kernel}'s type take the float tiles. */
    static int packedTileBatch(MatrixKernel kernel) {
        return kernel instanceof Q4_0Kernel ? PACKED_Q4_0_TILE_BATCH : PACKED_TILE_BATCH;
    }

    /** Groups of {@link FloatTiles#ROWS} rows, the units in which the float tiles split the rows. */
    int rowGroups() {
        return (rows + FloatTiles.ROWS - 1) / FloatTiles.ROWS;
    }

    /**
     * The batch's activations transposed for this matrix's float tiles (in the packed order for packed rows, to meet
     * {@link PackedRows#dequantizeInterleaved}), split by columns across the pool, in the calling thread's buffer:
     * {@code stride} (see {@link FloatTiles#paddedTokens}) tokens in panels ({@link FloatTiles#transpose}).
     */
    float[] transposeTokens(WorkerPool pool, float[] x, int batch, int stride) {
        int n = packed == null ? cols : PackedRows.interleavedColumns(cols);
        float[] xT = FloatTiles.transposedScratch(n * stride);
        boolean packedOrder = packed != null;
        pool.forRange(n, (from, to) ->
                FloatTiles.transpose(x, cols, cols, batch, packedOrder, from, to, xT, stride, n));
        return xT;
    }

    /**
     * Row groups {@code [start, end)} of the float tiles' product with activations from {@link #transposeTokens}:
     * the rows in chunks of {@link FloatTiles#ROW_CHUNK}, per block of tokens, with the column slices inside, so that
     * a slice of the block's activations stays in L2 while the chunk's rows pass and the chunk's sums stay in a small
     * buffer. Each group of rows is dequantized a slice at a time into L1 just before its tiles.
     */
    void tileRows(float[] xT, int stride, int batch, int start, int end, float[] out) {
        int n = packed == null ? cols : PackedRows.interleavedColumns(cols);
        int chunkGroups = FloatTiles.ROW_CHUNK / FloatTiles.ROWS;
        for (int b0 = 0; b0 < batch; b0 += FloatTiles.TOKEN_BLOCK) {
            int tokens = Math.min(FloatTiles.TOKEN_BLOCK, batch - b0);
            for (int g = start; g < end; g += chunkGroups) {
                int r0 = g * FloatTiles.ROWS;
                int r1 = Math.min(rows, Math.min(end, g + chunkGroups) * FloatTiles.ROWS);
                chunk(xT, stride, n, b0, tokens, r0, r1, out);
            }
        }
    }

    /** Rows {@code [r0, r1)} (at most {@link FloatTiles#ROW_CHUNK}) times tokens {@code b0 ..} of the product. */
    private void chunk(float[] xT, int stride, int n, int b0, int tokens, int r0, int r1, float[] out) {
        float[] w = FloatTiles.weights();
        float[] sums = FloatTiles.sums();
        Arrays.fill(sums, 0, (r1 - r0) * FloatTiles.ACC_STRIDE, 0f);
        int touched = 0;
        for (int k0 = 0; k0 < n; k0 += FloatTiles.K_SLICE) {
            int len = Math.min(FloatTiles.K_SLICE, n - k0);
            for (int r = r0; r < r1; r += FloatTiles.ROWS) {
                int tileRows = Math.min(FloatTiles.ROWS, r1 - r);
                for (int i = 0; i < tileRows; i++) {
                    int at = i * FloatTiles.K_SLICE;
                    if (packed != null) {
                        packed.dequantizeInterleaved(r + i, k0 / FloatTiles.K_SLICE, w, at);
                    } else {
                        kernel.dequantize(data, (r + i) * rowBytes() + kernel.rowBytes(k0), w, at, len);
                    }
                }
                if (packed != null) {
                    touched += touchNext(r, k0, n, r0, r1);
                }
                FloatTiles.multiply(w, tileRows, len, xT, stride, n, k0, b0, tokens, sums,
                        (r - r0) * FloatTiles.ACC_STRIDE);
            }
        }
        touchedSum = touched;
        FloatTiles.store(sums, r1 - r0, tokens, out, rows, r0, b0);
    }

    /**
     * Touches the packed lines of the rows that {@link #chunk} dequantizes after rows {@code r ..} of slice
     * {@code k0} (the next rows of the slice, or the chunk's first rows of the next slice), so that they arrive from
     * memory while the tiles of rows {@code r ..} compute instead of stalling the dequantization.
     */
    private int touchNext(int r, int k0, int n, int r0, int r1) {
        int next = r + FloatTiles.ROWS;
        int group = k0 / FloatTiles.K_SLICE;
        if (next >= r1) {
            next = r0;
            group++;
        }
        if (group * FloatTiles.K_SLICE >= n) {
            return 0;
        }
        int sum = 0;
        for (int i = next; i < Math.min(r1, next + FloatTiles.ROWS); i++) {
            sum += packed.touchInterleaved(i, group);
        }
        return sum;
    }

    /**
     * The row tiles' product for a small batch (2 to 15 tokens, exact path): each thread walks its share of the rows
     * per column slice, each quad of rows dequantized into L1 just before its tiles with the batch's activations.
     */
    private void rowTiledProduct(WorkerPool pool, float[] x, int batch, float[] out) {
        int slice = FloatTiles.K_SLICE;
        int quads = (rows + 3) / 4;
        pool.forRange(quads, (start, end) -> {
            float[] w = FloatTiles.weights();
            float[] lanes = new float[RowTiles.LANES];
            int firstRow = 4 * start;
            int endRow = Math.min(rows, 4 * end);
            for (int k0 = 0; k0 < cols; k0 += slice) {
                int len = Math.min(slice, cols - k0);
                for (int r = firstRow; r < endRow; r += 4) {
                    int tileRows = Math.min(4, endRow - r);
                    for (int i = 0; i < tileRows; i++) {
                        kernel.dequantize(data, (r + i) * rowBytes() + kernel.rowBytes(k0), w, i * len, len);
                    }
                    RowTiles.multiply(w, tileRows, len, x, cols, k0, 0, batch, out, rows, r, k0 == 0, lanes);
                }
            }
        });
    }

    /**
     * A small batch on the exact path (one decode token of each of a few sequences): each row is read and decoded
     * once for all tokens by the kernel's {@link MatrixKernel#dots}, with no dequantized copy in between.
     */
    private void sharedDots(WorkerPool pool, float[] x, int batch, float[] out) {
        long rowBytes = rowBytes();
        int rowCount = rows;
        pool.forRange(rows, (start, end) -> {
            for (int r = start; r < end; r++) {
                kernel.dots(data, r * rowBytes, x, batch, cols, out, r, rowCount);
            }
        });
    }

    /**
     * The fast path for any batch: the caller quantizes each token's activations once; then each row, read from
     * memory once per block of {@link #PACKED_TOKEN_BLOCK} tokens, meets every token of the block while it is in L1.
     * A small batch (one decode token of each of several sequences) thus reads every weight once.
     */
    private void packedProduct(WorkerPool pool, float[] x, int batch, float[] out) {
        QuantizedActivations[] inputs = QuantizedActivations.forThread(batch);
        for (int b = 0; b < batch; b++) {
            inputs[b].quantize(x, b * cols, cols);
        }
        PackedRows rowsOf = packed;
        int rowCount = rows;
        if (batch == 1) {
            QuantizedActivations input = inputs[0];
            pool.forRange(rows, (start, end) -> rowsOf.dotRows(start, end, input, out, start));
            return;
        }
        pool.forRange(rows, (start, end) -> {
            for (int b0 = 0; b0 < batch; b0 += PACKED_TOKEN_BLOCK) {
                int b1 = Math.min(batch, b0 + PACKED_TOKEN_BLOCK);
                QuantizedActivations[] block = b0 == 0 ? inputs : java.util.Arrays.copyOfRange(inputs, b0, b1);
                for (int r = start; r < end; r++) {
                    rowsOf.dots(r, block, b1 - b0, out, b0 * rowCount + r, rowCount);
                }
            }
        });
    }
}
