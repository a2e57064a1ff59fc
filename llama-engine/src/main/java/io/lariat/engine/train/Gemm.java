package io.lariat.engine.train;

import io.lariat.engine.kernels.Vectors;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The trainer's one matrix kernel: {@code C += A · B} on float arrays, with the Vector API.
 *
 * <p>{@code A} (M×K) is read through a row stride and a column stride, so a transposed operand costs nothing;
 * {@code B} (K×N) and {@code C} (M×N) are row-major with explicit row strides, so a head's slice of a wider matrix
 * can be used in place. A {@link Band} limits the work of causal attention to the lower triangle. Thread-safe: its
 * only state is each thread's buffer for a panel of {@code B}; callers own the arrays.
 *
 * <p>The register-blocked micro kernels (4 rows × 4 vectors, sixteen accumulators, where the CPU has 32 vector
 * registers; 4 rows × 2 vectors, eight accumulators, where it has 16) make this class longer than the usual method
 * limit: splitting the inner loop would cost the reuse that makes it fast.
 */
final class Gemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of {@code B} per panel: the inner dimension is walked in blocks of this many. */
    private static final int K_BLOCK = 256;
    /** Floats of {@code B} per panel (128 KiB), so that a panel stays in L2 while every block of rows passes over it. */
    private static final int PANEL_FLOATS = 32 * 1024;
    /**
     * Rows of {@code A} from which a panel of {@code B} whose rows lie apart is first copied to consecutive memory:
     * read in place, every step of {@code k} touched another page (the output layer's rows are 58 KB apart).
     */
    private static final int PACK_ROWS = 8;
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[PANEL_FLOATS]);

    /**
     * The register tile of four rows: its accumulators, the row of {@code B} and the broadcast must all stay in
     * registers. With AVX2's 16 the 4 × 4 tile (16 accumulators, 4 vectors of {@code B}, 1 broadcast) spilled to the
     * stack on every step of {@code k}: training spent 87% of its time in it, most of it on the spill stores (perf,
     * AMD EPYC, 2026-12-03).
     */
    enum Tile {
        /** Four vectors of {@code B} per row: for 32 vector registers (AVX-512). */
        FOUR_BY_FOUR,
        /** Two vectors of {@code B} per row: for 16 vector registers (AVX2). */
        FOUR_BY_TWO;

        /** The tile this CPU's registers hold. */
        static final Tile PREFERRED = Vectors.SIXTEEN_REGISTERS ? FOUR_BY_TWO : FOUR_BY_FOUR;
    }

    /** Which part of the product a causal operation needs; rows are processed in blocks of four. */
    enum Band {
        /** The whole product. */
        FULL,
        /** Only columns n ≤ m are needed (attention scores). */
        COLUMNS_UP_TO_ROW,
        /** A is zero where k > m (a causal probability matrix times values). */
        INNER_UP_TO_ROW,
        /** A is zero where k < m (the transpose of a causal matrix). */
        INNER_FROM_ROW
    }

    /** Operand {@code A}: an array, an offset and the strides of its rows and columns. */
    record Operand(float[] data, int offset, int rowStride, int colStride) {
        static Operand rows(float[] data, int offset, int rowStride) {
            return new Operand(data, offset, rowStride, 1);
        }

        static Operand transposed(float[] data, int offset, int rowStride) {
            return new Operand(data, offset, 1, rowStride);
        }
    }

    private Gemm() {
    }

    /** {@code C[m][n] += Σ_k A[m][k] · B[k][n]} for m < M, n < N, k < K, restricted by {@code band}. */
    static void multiplyAdd(int m, int n, int k, Operand a, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, Band band) {
        multiplyAdd(Tile.PREFERRED, m, n, k, a, b, bOff, ldb, c, cOff, ldc, band);
    }

    /**
     * {@link #multiplyAdd(int, int, int, Operand, float[], int, int, float[], int, int, Band)} with a given tile; every
     * tile adds each product in the same order, so the results are identical bit for bit.
     *
     * <p>The columns are walked in panels of {@code B} of at most {@link #K_BLOCK} rows by a width that keeps
     * the panel within {@link #PANEL_FLOATS}, every block of rows of {@code A} passing over one panel before the next:
     * without this, the output layer (N = 14,570 trained ids, K = 128) streamed its 7.4 MB of {@code B} from memory
     * once per four rows and ran at 1.3-2.5 G multiply-adds/s. The panels go in ascending {@code k}, so each element
     * still sees its products in the same order. The last columns (N mod the vector length) go the same way, through
     * masked vectors in the last panel.
     */
    static void multiplyAdd(Tile tile, int m, int n, int k, Operand a, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, Band band) {
        int panelWidth = Math.max(4 * L, PANEL_FLOATS / Math.max(1, Math.min(k, K_BLOCK)) / (4 * L) * (4 * L));
        for (int k0 = 0; k0 < k; k0 += K_BLOCK) {
            int k1 = Math.min(k, k0 + K_BLOCK);
            for (int n0 = 0; n0 < n; n0 += panelWidth) {
                int n1 = Math.min(n, n0 + panelWidth);
                float[] panel = b;
                int panelOff = bOff;
                int panelStride = ldb;
                if (m >= PACK_ROWS && ldb > n1 - n0) {
                    panel = PANEL.get();
                    panelStride = n1 - n0;
                    for (int kk = k0; kk < k1; kk++) {
                        System.arraycopy(b, bOff + kk * ldb + n0, panel, (kk - k0) * panelStride, panelStride);
                    }
                    panelOff = -k0 * panelStride - n0;
                }
                for (int m0 = 0, rows; m0 < m; m0 += rows) {
                    rows = m0 + 4 <= m ? 4 : 1;
                    vectorBlock(tile, m0, rows, n, n0, n1, k0, k1, a, panel, panelOff, panelStride, c, cOff, ldc,
                            band);
                }
            }
        }
    }

    /** The columns the band lets the rows {@code m0 .. last - 1} compute. */
    private static int bandEnd(Band band, int n, int last) {
        return band == Band.COLUMNS_UP_TO_ROW ? Math.min(n, last) : n;
    }

    /** The vector columns of rows {@code m0 ..} within columns {@code n0 .. n1 - 1} and inner indices {@code k0 .. k1 - 1}. */
    private static void vectorBlock(Tile tile, int m0, int rows, int n, int n0, int n1, int k0, int k1, Operand a,
                                    float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, Band band) {
        int last = m0 + rows;
        int bandEnd = bandEnd(band, n, last);
        int nEnd = Math.min(n1, bandEnd - bandEnd % L);
        int kStart = band == Band.INNER_FROM_ROW ? Math.max(k0, m0) : k0;
        int kEnd = band == Band.INNER_UP_TO_ROW ? Math.min(k1, last) : k1;
        if (kStart >= kEnd) {
            return;
        }
        int col = n0;
        if (rows == 4 && tile == Tile.FOUR_BY_FOUR) {
            for (; col + 4 * L <= nEnd; col += 4 * L) {
                kernel4x4(m0, col, kStart, kEnd, a, b, bOff, ldb, c, cOff, ldc);
            }
        }
        if (rows == 4) {
            for (; col + 2 * L <= nEnd; col += 2 * L) {
                kernel4x2(m0, col, kStart, kEnd, a, b, bOff, ldb, c, cOff, ldc);
            }
        }
        for (; col + L <= nEnd; col += L) {
            for (int r = m0; r < last; r++) {
                kernel1x1(r, col, kStart, kEnd, a, b, bOff, ldb, c, cOff, ldc);
            }
        }
        int tail = bandEnd - bandEnd % L;
        if (tail < bandEnd && tail >= n0 && tail < n1) {
            VectorMask<Float> lanes = S.indexInRange(0, bandEnd - tail);
            for (int r = m0; r < last; r++) {
                kernel1x1Masked(r, tail, lanes, kStart, kEnd, a, b, bOff, ldb, c, cOff, ldc);
            }
        }
    }

    private static void kernel4x4(int m0, int n0, int kStart, int kEnd, Operand a, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc) {
        float[] ad = a.data;
        int rs = a.rowStride;
        int cs = a.colStride;
        int c0 = cOff + m0 * ldc + n0;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector a00 = FloatVector.fromArray(S, c, c0), a01 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector a02 = FloatVector.fromArray(S, c, c0 + 2 * L), a03 = FloatVector.fromArray(S, c, c0 + 3 * L);
        FloatVector a10 = FloatVector.fromArray(S, c, c1), a11 = FloatVector.fromArray(S, c, c1 + L);
        FloatVector a12 = FloatVector.fromArray(S, c, c1 + 2 * L), a13 = FloatVector.fromArray(S, c, c1 + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, c, c2), a21 = FloatVector.fromArray(S, c, c2 + L);
        FloatVector a22 = FloatVector.fromArray(S, c, c2 + 2 * L), a23 = FloatVector.fromArray(S, c, c2 + 3 * L);
        FloatVector a30 = FloatVector.fromArray(S, c, c3), a31 = FloatVector.fromArray(S, c, c3 + L);
        FloatVector a32 = FloatVector.fromArray(S, c, c3 + 2 * L), a33 = FloatVector.fromArray(S, c, c3 + 3 * L);
        int aBase = a.offset + m0 * rs;
        for (int kk = kStart; kk < kEnd; kk++) {
            int bi = bOff + kk * ldb + n0;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
            int ai = aBase + kk * cs;
            FloatVector x = FloatVector.broadcast(S, ad[ai]);
            a00 = b0.fma(x, a00);
            a01 = b1.fma(x, a01);
            a02 = b2.fma(x, a02);
            a03 = b3.fma(x, a03);
            x = FloatVector.broadcast(S, ad[ai + rs]);
            a10 = b0.fma(x, a10);
            a11 = b1.fma(x, a11);
            a12 = b2.fma(x, a12);
            a13 = b3.fma(x, a13);
            x = FloatVector.broadcast(S, ad[ai + 2 * rs]);
            a20 = b0.fma(x, a20);
            a21 = b1.fma(x, a21);
            a22 = b2.fma(x, a22);
            a23 = b3.fma(x, a23);
            x = FloatVector.broadcast(S, ad[ai + 3 * rs]);
            a30 = b0.fma(x, a30);
            a31 = b1.fma(x, a31);
            a32 = b2.fma(x, a32);
            a33 = b3.fma(x, a33);
        }
        a00.intoArray(c, c0);
        a01.intoArray(c, c0 + L);
        a02.intoArray(c, c0 + 2 * L);
        a03.intoArray(c, c0 + 3 * L);
        a10.intoArray(c, c1);
        a11.intoArray(c, c1 + L);
        a12.intoArray(c, c1 + 2 * L);
        a13.intoArray(c, c1 + 3 * L);
        a20.intoArray(c, c2);
        a21.intoArray(c, c2 + L);
        a22.intoArray(c, c2 + 2 * L);
        a23.intoArray(c, c2 + 3 * L);
        a30.intoArray(c, c3);
        a31.intoArray(c, c3 + L);
        a32.intoArray(c, c3 + 2 * L);
        a33.intoArray(c, c3 + 3 * L);
    }

    private static void kernel4x2(int m0, int n0, int kStart, int kEnd, Operand a, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc) {
        float[] ad = a.data;
        int rs = a.rowStride;
        int cs = a.colStride;
        int c0 = cOff + m0 * ldc + n0;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector a00 = FloatVector.fromArray(S, c, c0), a01 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector a10 = FloatVector.fromArray(S, c, c1), a11 = FloatVector.fromArray(S, c, c1 + L);
        FloatVector a20 = FloatVector.fromArray(S, c, c2), a21 = FloatVector.fromArray(S, c, c2 + L);
        FloatVector a30 = FloatVector.fromArray(S, c, c3), a31 = FloatVector.fromArray(S, c, c3 + L);
        int aBase = a.offset + m0 * rs;
        for (int kk = kStart; kk < kEnd; kk++) {
            int bi = bOff + kk * ldb + n0;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            int ai = aBase + kk * cs;
            FloatVector x = FloatVector.broadcast(S, ad[ai]);
            a00 = b0.fma(x, a00);
            a01 = b1.fma(x, a01);
            x = FloatVector.broadcast(S, ad[ai + rs]);
            a10 = b0.fma(x, a10);
            a11 = b1.fma(x, a11);
            x = FloatVector.broadcast(S, ad[ai + 2 * rs]);
            a20 = b0.fma(x, a20);
            a21 = b1.fma(x, a21);
            x = FloatVector.broadcast(S, ad[ai + 3 * rs]);
            a30 = b0.fma(x, a30);
            a31 = b1.fma(x, a31);
        }
        a00.intoArray(c, c0);
        a01.intoArray(c, c0 + L);
        a10.intoArray(c, c1);
        a11.intoArray(c, c1 + L);
        a20.intoArray(c, c2);
        a21.intoArray(c, c2 + L);
        a30.intoArray(c, c3);
        a31.intoArray(c, c3 + L);
    }

    private static void kernel1x1(int r, int n0, int kStart, int kEnd, Operand a, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc) {
        int ci = cOff + r * ldc + n0;
        FloatVector acc = FloatVector.fromArray(S, c, ci);
        int aBase = a.offset + r * a.rowStride;
        for (int kk = kStart; kk < kEnd; kk++) {
            FloatVector x = FloatVector.broadcast(S, a.data[aBase + kk * a.colStride]);
            acc = FloatVector.fromArray(S, b, bOff + kk * ldb + n0).fma(x, acc);
        }
        acc.intoArray(c, ci);
    }

    /**
     * {@link #kernel1x1} over the last columns, fewer than a vector ({@code lanes}): masked loads and stores, so that a
     * width such as a 40-wide head's is not left to scalar code (it made training at width 160 1.75x slower than at
     * 128, against 1.3x by the operation count).
     */
    private static void kernel1x1Masked(int r, int n0, VectorMask<Float> lanes, int kStart, int kEnd, Operand a,
                                        float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int ci = cOff + r * ldc + n0;
        FloatVector acc = FloatVector.fromArray(S, c, ci, lanes);
        int aBase = a.offset + r * a.rowStride;
        for (int kk = kStart; kk < kEnd; kk++) {
            FloatVector x = FloatVector.broadcast(S, a.data[aBase + kk * a.colStride]);
            acc = FloatVector.fromArray(S, b, bOff + kk * ldb + n0, lanes).fma(x, acc);
        }
        acc.intoArray(c, ci, lanes);
    }
}
