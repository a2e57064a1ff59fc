package io.lariat.engine.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The trainer's one matrix kernel: {@code C += A · B} on float arrays, with the Vector API.
 *
 * <p>{@code A} (M×K) is read through a row stride and a column stride, so a transposed operand costs nothing;
 * {@code B} (K×N) and {@code C} (M×N) are row-major with explicit row strides, so a head's slice of a wider matrix
 * can be used in place. A {@link Band} limits the work of causal attention to the lower triangle. Stateless and
 * thread-safe; callers own the arrays.
 *
 * <p>The register-blocked micro kernel (4 rows × 4 vectors, sixteen accumulators) makes this class longer than the
 * usual method limit: splitting the inner loop would cost the reuse that makes it fast.
 */
final class Gemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

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
        int m0 = 0;
        for (; m0 + 4 <= m; m0 += 4) {
            rowBlock(m0, 4, n, k, a, b, bOff, ldb, c, cOff, ldc, band);
        }
        for (; m0 < m; m0++) {
            rowBlock(m0, 1, n, k, a, b, bOff, ldb, c, cOff, ldc, band);
        }
    }

    private static void rowBlock(int m0, int rows, int n, int k, Operand a, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc, Band band) {
        int last = m0 + rows;
        int nEnd = band == Band.COLUMNS_UP_TO_ROW ? Math.min(n, last) : n;
        int kStart = band == Band.INNER_FROM_ROW ? m0 : 0;
        int kEnd = band == Band.INNER_UP_TO_ROW ? Math.min(k, last) : k;
        int n0 = 0;
        if (rows == 4) {
            for (; n0 + 4 * L <= nEnd; n0 += 4 * L) {
                kernel4x4(m0, n0, kStart, kEnd, a, b, bOff, ldb, c, cOff, ldc);
            }
        }
        for (; n0 + L <= nEnd; n0 += L) {
            for (int r = m0; r < last; r++) {
                kernel1x1(r, n0, kStart, kEnd, a, b, bOff, ldb, c, cOff, ldc);
            }
        }
        for (int r = m0; r < last; r++) {
            for (int col = n0; col < nEnd; col++) {
                float sum = 0f;
                for (int kk = kStart; kk < kEnd; kk++) {
                    sum += a.data[a.offset + r * a.rowStride + kk * a.colStride] * b[bOff + kk * ldb + col];
                }
                c[cOff + r * ldc + col] += sum;
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
}
