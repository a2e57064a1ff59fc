package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.Vectors.F;
import static io.lariat.engine.kernels.Vectors.L;
import static io.lariat.engine.kernels.Vectors.SIXTEEN_REGISTERS;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Register-tiled float products of dequantized weight rows with a block of token activations: the inner loop of
 * batched prefill. The activations are transposed once per product ({@link #transpose}) into panels of
 * {@link #PANEL} tokens: within a panel, column {@code k} of its tokens sits side by side and the columns follow one
 * another, so a tile walks one contiguous stream of activations. A tile broadcasts one weight of each of 8 rows and
 * multiplies it into the up to 3 vectors of {@link Vectors#L} tokens of one panel's column (8 rows by 48 tokens, 24
 * accumulators). Each lane accumulates one output across the columns, so no tile ends with a horizontal reduction,
 * and per 24 multiply-adds a tile issues 3 vector loads and 8 broadcasts. The panels replaced one transposed row of
 * all the batch's tokens per column, which the tiles read 3 vectors at a time with a stride of the whole batch: 72-76
 * G multiply-adds/s per thread beside 80 for the panels, 8 rows by 128 tokens over a 1,024-column slice (Intel
 * AVX-512, interleaved in one process, thread CPU time; the same tile on data held in L1 reaches 80-89). The
 * register-only FMA peak, measured the same way, is 90-95 per thread (two 16-lane FMAs per cycle at about 2.9 GHz;
 * an earlier 76.5 from JMH was wall time on a loaded machine), so the tile, at 76-79 since its weights moved to a
 * constant stride, runs at 82-85% of it; its loop also issues about ten scalar instructions (bounds, addresses,
 * loop count) per 24 FMAs.
 *
 * <p>The caller walks the columns in slices of {@link #K_SLICE} and the rows in chunks of {@link #ROW_CHUNK}: a
 * slice of a block of {@link #TOKEN_BLOCK} tokens' panels (576 KiB with 512-bit vectors) stays in L2 while the
 * chunk's rows pass, each group of 8 rows dequantized into L1 just before its tiles; the chunk's sums stay in a small
 * accumulator buffer ({@link #ACC_STRIDE} floats per row) until its last slice, then {@link #store} writes them out.
 */
final class FloatTiles {
    /** Columns per slice; also the packed layouts' group of 32 blocks of 32, so one slice is one packed group. */
    static final int K_SLICE = 1024;
    /** Weight rows per tile. */
    static final int ROWS = 8;
    /** Rows whose sums are held in the accumulator buffer while the column slices pass. */
    static final int ROW_CHUNK = 64;
    /**
     * Tokens per panel of the transposed activations: the widest tile's vectors, 3; or 2 with 16 registers
     * ({@link Vectors#SIXTEEN_REGISTERS}), where the 8-row tiles' 24 or 16 accumulators would spill and each 8-row
     * tile runs as two 4 by 2 tiles (8 accumulators) over the same panel, which L1 serves twice. On an AMD EPYC with
     * AVX2, one thread: JMH {@code tile} 19.3 G multiply-adds/s with 4 by 3 tiles (all 16 registers), 42.8 with 4 by
     * 2; {@code PrefillRates} Q4_0 fast at 128 tokens 17.4 with the 8 by 3 tiles, 36.0 with 4 by 2.
     */
    static final int PANEL = (SIXTEEN_REGISTERS ? 2 : 3) * L;
    /**
     * Tokens per block, whole panels: their slice of {@link #K_SLICE} columns (576 KiB at 512 bits, 256 KiB at 256)
     * stays in L2.
     */
    static final int TOKEN_BLOCK = (SIXTEEN_REGISTERS ? 4 : 3) * PANEL;
    /** Floats per row of the accumulator buffer: one block's tokens. */
    static final int ACC_STRIDE = TOKEN_BLOCK;
    private static final ThreadLocal<float[]> WEIGHTS = ThreadLocal.withInitial(() -> new float[ROWS * K_SLICE]);
    private static final ThreadLocal<float[]> SUMS = ThreadLocal.withInitial(() -> new float[ROW_CHUNK * ACC_STRIDE]);
    private static final ThreadLocal<float[]> TRANSPOSED = ThreadLocal.withInitial(() -> new float[0]);

    private FloatTiles() {
    }

    /** This thread's buffer for {@link #ROWS} dequantized slices of {@link #K_SLICE} columns, row i at i * K_SLICE. */
    static float[] weights() {
        return WEIGHTS.get();
    }

    /** This thread's accumulator buffer: {@link #ROW_CHUNK} rows of {@link #ACC_STRIDE} sums. */
    static float[] sums() {
        return SUMS.get();
    }

    /**
     * The calling thread's buffer of at least {@code size} floats for a batch's transposed activations, distinct from
     * the workers' buffers (the same thread may also work on the product that reads them).
     */
    static float[] transposedScratch(int size) {
        float[] buffer = TRANSPOSED.get();
        if (buffer.length < size) {
            buffer = new float[size];
            TRANSPOSED.set(buffer);
        }
        return buffer;
    }

    /** Tokens of a batch rounded up to whole vectors: the tokens of its transposed activations, padding included. */
    static int paddedTokens(int batch) {
        return (batch + L - 1) / L * L;
    }

    /**
     * Columns {@code [from, to)} of a batch's transposed activations, of {@code n} columns and {@code stride} (see
     * {@link #paddedTokens}) tokens: token {@code t}'s value of column {@code p} ({@code x[t * xStride + p]}), or with
     * {@code packedOrder} of the column at position {@code p} of {@link PackedRows#interleavedColumn} (zero for its
     * padding), for {@code t < batch}; the padding tokens up to {@code stride} are zero. The panel of tokens
     * {@code t0 ..} (a multiple of {@link #PANEL}) starts at {@code xT[t0 * n]} and holds {@code width = min(PANEL,
     * stride - t0)} values per column: token {@code t}'s value of column {@code p} at {@code xT[t0 * n + p * width +
     * t - t0]}. Blocks of 32 positions keep the writes within a few cache lines.
     */
    static void transpose(float[] x, int xStride, int cols, int batch, boolean packedOrder, int from, int to,
                          float[] xT, int stride, int n) {
        int[] columns = new int[32];
        for (int p0 = from; p0 < to; p0 += columns.length) {
            int p1 = Math.min(to, p0 + columns.length);
            for (int p = p0; p < p1; p++) {
                columns[p - p0] = packedOrder ? PackedRows.interleavedColumn(p, cols) : p;
            }
            for (int t0 = 0; t0 < stride; t0 += PANEL) {
                int width = Math.min(PANEL, stride - t0);
                int real = Math.min(width, batch - t0);
                for (int t = 0; t < real; t++) {
                    int xo = (t0 + t) * xStride;
                    int at = t0 * n + p0 * width + t;
                    for (int p = p0; p < p1; p++, at += width) {
                        int column = columns[p - p0];
                        xT[at] = column < 0 ? 0f : x[xo + column];
                    }
                }
                if (real < width) {
                    for (int p = p0; p < p1; p++) {
                        int at = t0 * n + p * width;
                        Arrays.fill(xT, at + real, at + width, 0f);
                    }
                }
            }
        }
    }

    /**
     * One column slice of a product: for i below {@code wRows} (the slice of row i at {@code w[i * K_SLICE ..
     * i * K_SLICE + len)}, {@code len} at most {@link #K_SLICE}) and t below {@code tokens}, adds {@code w_i · x}
     * over columns {@code k0 ..} {@code k0 + len - 1} of token {@code t0 + t} of the transposed activations
     * ({@link #transpose}: {@code n} columns, {@code stride} tokens) to {@code sums[a + i * ACC_STRIDE + t]}.
     * {@code t0} starts a panel; whole vectors of tokens are computed, up to the next multiple of {@link Vectors#L},
     * which the activations' zero padding and the buffer's width allow.
     */
    static void multiply(float[] w, int wRows, int len, float[] xT, int stride, int n, int k0, int t0, int tokens,
                         float[] sums, int a) {
        for (int p = 0; p < tokens; p += PANEL) {
            int width = Math.min(PANEL, stride - t0 - p);
            int xo = (t0 + p) * n + k0 * width;
            if (wRows == ROWS && width == 3 * L) {
                tile8x3(w, len, xT, xo, sums, a + p);
            } else if (wRows == ROWS && width == 2 * L && SIXTEEN_REGISTERS) {
                tile4x2(w, 0, len, xT, xo, sums, a + p);
                tile4x2(w, 4 * K_SLICE, len, xT, xo, sums, a + p + 4 * ACC_STRIDE);
            } else if (wRows == ROWS && width == 2 * L) {
                tile8x2(w, len, xT, xo, sums, a + p);
            } else if (wRows == ROWS) {
                tile8x1(w, len, xT, xo, sums, a + p);
            } else {
                rowByVector(w, wRows, len, xT, xo, width, sums, a + p);
            }
        }
    }

    /** The last rows of a matrix whose height is not a multiple of 8: one row by one vector of a panel's tokens. */
    private static void rowByVector(float[] w, int wRows, int len, float[] xT, int xo, int width, float[] sums,
                                    int a) {
        for (int i = 0; i < wRows; i++) {
            for (int v = 0; v < width; v += L) {
                int o = a + i * ACC_STRIDE + v;
                FloatVector acc = FloatVector.fromArray(F, sums, o);
                for (int c = 0; c < len; c++) {
                    FloatVector x = FloatVector.fromArray(F, xT, xo + c * width + v);
                    acc = FloatVector.broadcast(F, w[i * K_SLICE + c]).fma(x, acc);
                }
                acc.intoArray(sums, o);
            }
        }
    }

    /**
     * Writes the sums of {@code rows} rows and {@code tokens} tokens ({@code sums[i * ACC_STRIDE + t]}) into
     * {@code out[(t0 + t) * outStride + r0 + i]}.
     */
    static void store(float[] sums, int rows, int tokens, float[] out, int outStride, int r0, int t0) {
        for (int t = 0; t < tokens; t++) {
            int o = (t0 + t) * outStride + r0;
            for (int i = 0; i < rows; i++) {
                out[o + i] = sums[i * ACC_STRIDE + t];
            }
        }
    }

    // The tiles keep their accumulators in registers (8 by 3: 24, with 3 token vectors and one broadcast weight, 28
    // of the 32 AVX-512 registers), which is why each is one method of this length: splitting one would force them
    // through memory, and no vector may cross a call (the JIT would box it). Row i of a tile's sums starts at
    // a + i * ACC_STRIDE; the panel's column c starts at xo + c * (its width). Row i's weights start at the constant
    // i * K_SLICE rather than i * len: each broadcast then addresses its weight as one register plus a displacement,
    // where a stride held in a register took 7 address computations and 3 spilled registers per column (8 rows by 48
    // tokens over 1,024 columns: 76-79 against 70-73 G multiply-adds/s per thread, interleaved, thread CPU time).

    private static void tile8x3(float[] w, int len, float[] xT, int xo, float[] sums, int a) {
        int o0 = a;
        int o1 = o0 + ACC_STRIDE;
        int o2 = o1 + ACC_STRIDE;
        int o3 = o2 + ACC_STRIDE;
        int o4 = o3 + ACC_STRIDE;
        int o5 = o4 + ACC_STRIDE;
        int o6 = o5 + ACC_STRIDE;
        int o7 = o6 + ACC_STRIDE;
        FloatVector a00 = FloatVector.fromArray(F, sums, o0), a01 = FloatVector.fromArray(F, sums, o0 + L),
                a02 = FloatVector.fromArray(F, sums, o0 + 2 * L);
        FloatVector a10 = FloatVector.fromArray(F, sums, o1), a11 = FloatVector.fromArray(F, sums, o1 + L),
                a12 = FloatVector.fromArray(F, sums, o1 + 2 * L);
        FloatVector a20 = FloatVector.fromArray(F, sums, o2), a21 = FloatVector.fromArray(F, sums, o2 + L),
                a22 = FloatVector.fromArray(F, sums, o2 + 2 * L);
        FloatVector a30 = FloatVector.fromArray(F, sums, o3), a31 = FloatVector.fromArray(F, sums, o3 + L),
                a32 = FloatVector.fromArray(F, sums, o3 + 2 * L);
        FloatVector a40 = FloatVector.fromArray(F, sums, o4), a41 = FloatVector.fromArray(F, sums, o4 + L),
                a42 = FloatVector.fromArray(F, sums, o4 + 2 * L);
        FloatVector a50 = FloatVector.fromArray(F, sums, o5), a51 = FloatVector.fromArray(F, sums, o5 + L),
                a52 = FloatVector.fromArray(F, sums, o5 + 2 * L);
        FloatVector a60 = FloatVector.fromArray(F, sums, o6), a61 = FloatVector.fromArray(F, sums, o6 + L),
                a62 = FloatVector.fromArray(F, sums, o6 + 2 * L);
        FloatVector a70 = FloatVector.fromArray(F, sums, o7), a71 = FloatVector.fromArray(F, sums, o7 + L),
                a72 = FloatVector.fromArray(F, sums, o7 + 2 * L);
        for (int c = 0; c < len; c++) {
            int xc = xo + c * 3 * L;
            FloatVector x0 = FloatVector.fromArray(F, xT, xc);
            FloatVector x1 = FloatVector.fromArray(F, xT, xc + L);
            FloatVector x2 = FloatVector.fromArray(F, xT, xc + 2 * L);
            FloatVector b = FloatVector.broadcast(F, w[c]);
            a00 = b.fma(x0, a00); a01 = b.fma(x1, a01); a02 = b.fma(x2, a02);
            b = FloatVector.broadcast(F, w[K_SLICE + c]);
            a10 = b.fma(x0, a10); a11 = b.fma(x1, a11); a12 = b.fma(x2, a12);
            b = FloatVector.broadcast(F, w[2 * K_SLICE + c]);
            a20 = b.fma(x0, a20); a21 = b.fma(x1, a21); a22 = b.fma(x2, a22);
            b = FloatVector.broadcast(F, w[3 * K_SLICE + c]);
            a30 = b.fma(x0, a30); a31 = b.fma(x1, a31); a32 = b.fma(x2, a32);
            b = FloatVector.broadcast(F, w[4 * K_SLICE + c]);
            a40 = b.fma(x0, a40); a41 = b.fma(x1, a41); a42 = b.fma(x2, a42);
            b = FloatVector.broadcast(F, w[5 * K_SLICE + c]);
            a50 = b.fma(x0, a50); a51 = b.fma(x1, a51); a52 = b.fma(x2, a52);
            b = FloatVector.broadcast(F, w[6 * K_SLICE + c]);
            a60 = b.fma(x0, a60); a61 = b.fma(x1, a61); a62 = b.fma(x2, a62);
            b = FloatVector.broadcast(F, w[7 * K_SLICE + c]);
            a70 = b.fma(x0, a70); a71 = b.fma(x1, a71); a72 = b.fma(x2, a72);
        }
        a00.intoArray(sums, o0); a01.intoArray(sums, o0 + L); a02.intoArray(sums, o0 + 2 * L);
        a10.intoArray(sums, o1); a11.intoArray(sums, o1 + L); a12.intoArray(sums, o1 + 2 * L);
        a20.intoArray(sums, o2); a21.intoArray(sums, o2 + L); a22.intoArray(sums, o2 + 2 * L);
        a30.intoArray(sums, o3); a31.intoArray(sums, o3 + L); a32.intoArray(sums, o3 + 2 * L);
        a40.intoArray(sums, o4); a41.intoArray(sums, o4 + L); a42.intoArray(sums, o4 + 2 * L);
        a50.intoArray(sums, o5); a51.intoArray(sums, o5 + L); a52.intoArray(sums, o5 + 2 * L);
        a60.intoArray(sums, o6); a61.intoArray(sums, o6 + L); a62.intoArray(sums, o6 + 2 * L);
        a70.intoArray(sums, o7); a71.intoArray(sums, o7 + L); a72.intoArray(sums, o7 + 2 * L);
    }

    private static void tile8x2(float[] w, int len, float[] xT, int xo, float[] sums, int a) {
        int o0 = a;
        int o1 = o0 + ACC_STRIDE;
        int o2 = o1 + ACC_STRIDE;
        int o3 = o2 + ACC_STRIDE;
        int o4 = o3 + ACC_STRIDE;
        int o5 = o4 + ACC_STRIDE;
        int o6 = o5 + ACC_STRIDE;
        int o7 = o6 + ACC_STRIDE;
        FloatVector a00 = FloatVector.fromArray(F, sums, o0), a01 = FloatVector.fromArray(F, sums, o0 + L);
        FloatVector a10 = FloatVector.fromArray(F, sums, o1), a11 = FloatVector.fromArray(F, sums, o1 + L);
        FloatVector a20 = FloatVector.fromArray(F, sums, o2), a21 = FloatVector.fromArray(F, sums, o2 + L);
        FloatVector a30 = FloatVector.fromArray(F, sums, o3), a31 = FloatVector.fromArray(F, sums, o3 + L);
        FloatVector a40 = FloatVector.fromArray(F, sums, o4), a41 = FloatVector.fromArray(F, sums, o4 + L);
        FloatVector a50 = FloatVector.fromArray(F, sums, o5), a51 = FloatVector.fromArray(F, sums, o5 + L);
        FloatVector a60 = FloatVector.fromArray(F, sums, o6), a61 = FloatVector.fromArray(F, sums, o6 + L);
        FloatVector a70 = FloatVector.fromArray(F, sums, o7), a71 = FloatVector.fromArray(F, sums, o7 + L);
        for (int c = 0; c < len; c++) {
            int xc = xo + c * 2 * L;
            FloatVector x0 = FloatVector.fromArray(F, xT, xc);
            FloatVector x1 = FloatVector.fromArray(F, xT, xc + L);
            FloatVector b = FloatVector.broadcast(F, w[c]);
            a00 = b.fma(x0, a00); a01 = b.fma(x1, a01);
            b = FloatVector.broadcast(F, w[K_SLICE + c]);
            a10 = b.fma(x0, a10); a11 = b.fma(x1, a11);
            b = FloatVector.broadcast(F, w[2 * K_SLICE + c]);
            a20 = b.fma(x0, a20); a21 = b.fma(x1, a21);
            b = FloatVector.broadcast(F, w[3 * K_SLICE + c]);
            a30 = b.fma(x0, a30); a31 = b.fma(x1, a31);
            b = FloatVector.broadcast(F, w[4 * K_SLICE + c]);
            a40 = b.fma(x0, a40); a41 = b.fma(x1, a41);
            b = FloatVector.broadcast(F, w[5 * K_SLICE + c]);
            a50 = b.fma(x0, a50); a51 = b.fma(x1, a51);
            b = FloatVector.broadcast(F, w[6 * K_SLICE + c]);
            a60 = b.fma(x0, a60); a61 = b.fma(x1, a61);
            b = FloatVector.broadcast(F, w[7 * K_SLICE + c]);
            a70 = b.fma(x0, a70); a71 = b.fma(x1, a71);
        }
        a00.intoArray(sums, o0); a01.intoArray(sums, o0 + L);
        a10.intoArray(sums, o1); a11.intoArray(sums, o1 + L);
        a20.intoArray(sums, o2); a21.intoArray(sums, o2 + L);
        a30.intoArray(sums, o3); a31.intoArray(sums, o3 + L);
        a40.intoArray(sums, o4); a41.intoArray(sums, o4 + L);
        a50.intoArray(sums, o5); a51.intoArray(sums, o5 + L);
        a60.intoArray(sums, o6); a61.intoArray(sums, o6 + L);
        a70.intoArray(sums, o7); a71.intoArray(sums, o7 + L);
    }

    private static void tile8x1(float[] w, int len, float[] xT, int xo, float[] sums, int a) {
        int o0 = a;
        int o1 = o0 + ACC_STRIDE;
        int o2 = o1 + ACC_STRIDE;
        int o3 = o2 + ACC_STRIDE;
        int o4 = o3 + ACC_STRIDE;
        int o5 = o4 + ACC_STRIDE;
        int o6 = o5 + ACC_STRIDE;
        int o7 = o6 + ACC_STRIDE;
        FloatVector a00 = FloatVector.fromArray(F, sums, o0);
        FloatVector a10 = FloatVector.fromArray(F, sums, o1);
        FloatVector a20 = FloatVector.fromArray(F, sums, o2);
        FloatVector a30 = FloatVector.fromArray(F, sums, o3);
        FloatVector a40 = FloatVector.fromArray(F, sums, o4);
        FloatVector a50 = FloatVector.fromArray(F, sums, o5);
        FloatVector a60 = FloatVector.fromArray(F, sums, o6);
        FloatVector a70 = FloatVector.fromArray(F, sums, o7);
        for (int c = 0; c < len; c++) {
            FloatVector x0 = FloatVector.fromArray(F, xT, xo + c * L);
            FloatVector b = FloatVector.broadcast(F, w[c]);
            a00 = b.fma(x0, a00);
            b = FloatVector.broadcast(F, w[K_SLICE + c]);
            a10 = b.fma(x0, a10);
            b = FloatVector.broadcast(F, w[2 * K_SLICE + c]);
            a20 = b.fma(x0, a20);
            b = FloatVector.broadcast(F, w[3 * K_SLICE + c]);
            a30 = b.fma(x0, a30);
            b = FloatVector.broadcast(F, w[4 * K_SLICE + c]);
            a40 = b.fma(x0, a40);
            b = FloatVector.broadcast(F, w[5 * K_SLICE + c]);
            a50 = b.fma(x0, a50);
            b = FloatVector.broadcast(F, w[6 * K_SLICE + c]);
            a60 = b.fma(x0, a60);
            b = FloatVector.broadcast(F, w[7 * K_SLICE + c]);
            a70 = b.fma(x0, a70);
        }
        a00.intoArray(sums, o0);
        a10.intoArray(sums, o1);
        a20.intoArray(sums, o2);
        a30.intoArray(sums, o3);
        a40.intoArray(sums, o4);
        a50.intoArray(sums, o5);
        a60.intoArray(sums, o6);
        a70.intoArray(sums, o7);
    }

    /*
     * AVX2's tile (see PANEL): rows wo / K_SLICE .. + 3 of the weight buffer, sums from a. Two columns per iteration:
     * with one, C2 compiled the loop inside the engine (not in a benchmark harness) with the activations' base and
     * offset spilled and recomputed every column, about 12 scalar instructions around 8 multiply-adds; written out
     * twice, 1B Q8_0 prefill of 128 tokens on one thread went from 22.3-28.3 to 32.4-35.0 tokens/s and 1B Q4_K_M on
     * two threads from 48.8-55.6 to 69.1-71.7 (engine builds alternated in one launcher).
     */
    private static void tile4x2(float[] w, int wo, int len, float[] xT, int xo, float[] sums, int a) {
        int o0 = a;
        int o1 = o0 + ACC_STRIDE;
        int o2 = o1 + ACC_STRIDE;
        int o3 = o2 + ACC_STRIDE;
        FloatVector a00 = FloatVector.fromArray(F, sums, o0), a01 = FloatVector.fromArray(F, sums, o0 + L);
        FloatVector a10 = FloatVector.fromArray(F, sums, o1), a11 = FloatVector.fromArray(F, sums, o1 + L);
        FloatVector a20 = FloatVector.fromArray(F, sums, o2), a21 = FloatVector.fromArray(F, sums, o2 + L);
        FloatVector a30 = FloatVector.fromArray(F, sums, o3), a31 = FloatVector.fromArray(F, sums, o3 + L);
        int c = 0;
        for (int xc = xo; c + 1 < len; c += 2, xc += 4 * L) {
            FloatVector x0 = FloatVector.fromArray(F, xT, xc);
            FloatVector x1 = FloatVector.fromArray(F, xT, xc + L);
            FloatVector b = FloatVector.broadcast(F, w[wo + c]);
            a00 = b.fma(x0, a00); a01 = b.fma(x1, a01);
            b = FloatVector.broadcast(F, w[wo + K_SLICE + c]);
            a10 = b.fma(x0, a10); a11 = b.fma(x1, a11);
            b = FloatVector.broadcast(F, w[wo + 2 * K_SLICE + c]);
            a20 = b.fma(x0, a20); a21 = b.fma(x1, a21);
            b = FloatVector.broadcast(F, w[wo + 3 * K_SLICE + c]);
            a30 = b.fma(x0, a30); a31 = b.fma(x1, a31);
            x0 = FloatVector.fromArray(F, xT, xc + 2 * L);
            x1 = FloatVector.fromArray(F, xT, xc + 3 * L);
            b = FloatVector.broadcast(F, w[wo + c + 1]);
            a00 = b.fma(x0, a00); a01 = b.fma(x1, a01);
            b = FloatVector.broadcast(F, w[wo + K_SLICE + c + 1]);
            a10 = b.fma(x0, a10); a11 = b.fma(x1, a11);
            b = FloatVector.broadcast(F, w[wo + 2 * K_SLICE + c + 1]);
            a20 = b.fma(x0, a20); a21 = b.fma(x1, a21);
            b = FloatVector.broadcast(F, w[wo + 3 * K_SLICE + c + 1]);
            a30 = b.fma(x0, a30); a31 = b.fma(x1, a31);
        }
        for (; c < len; c++) {
            int xc = xo + c * 2 * L;
            FloatVector x0 = FloatVector.fromArray(F, xT, xc);
            FloatVector x1 = FloatVector.fromArray(F, xT, xc + L);
            FloatVector b = FloatVector.broadcast(F, w[wo + c]);
            a00 = b.fma(x0, a00); a01 = b.fma(x1, a01);
            b = FloatVector.broadcast(F, w[wo + K_SLICE + c]);
            a10 = b.fma(x0, a10); a11 = b.fma(x1, a11);
            b = FloatVector.broadcast(F, w[wo + 2 * K_SLICE + c]);
            a20 = b.fma(x0, a20); a21 = b.fma(x1, a21);
            b = FloatVector.broadcast(F, w[wo + 3 * K_SLICE + c]);
            a30 = b.fma(x0, a30); a31 = b.fma(x1, a31);
        }
        a00.intoArray(sums, o0); a01.intoArray(sums, o0 + L);
        a10.intoArray(sums, o1); a11.intoArray(sums, o1 + L);
        a20.intoArray(sums, o2); a21.intoArray(sums, o2 + L);
        a30.intoArray(sums, o3); a31.intoArray(sums, o3 + L);
    }
}
