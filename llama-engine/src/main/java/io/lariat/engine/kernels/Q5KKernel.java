package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.Vectors.B;
import static io.lariat.engine.kernels.Vectors.F;
import static io.lariat.engine.kernels.Vectors.L;
import static io.lariat.engine.kernels.Vectors.LE;
import static io.lariat.engine.kernels.Vectors.SHORT_LE;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Kernel for GGML Q5_K: super-blocks of 256 weights (176 bytes): f16 d, f16 dmin, 12 bytes of 6-bit scales and
 * minimums, 32 bytes of fifth bits (bit 2k and 2k+1 of qh[l] extend sub-blocks 2k and 2k+1), then 128 bytes of
 * nibbles laid out as in Q4_K. Element = d * scale * q - dmin * min with q in 0..31.
 */
public final class Q5KKernel implements MatrixKernel {
    /** The shared instance. */
    public static final Q5KKernel INSTANCE = new Q5KKernel();
    private static final int QK = 256;
    private static final int BLOCK_BYTES = 176;

    private Q5KKernel() {
    }

    @Override
    public int blockSize() {
        return QK;
    }

    @Override
    public int blockBytes() {
        return BLOCK_BYTES;
    }

    @Override
    public float dot(MemorySegment weights, long offset, float[] x, int xOffset, int n) {
        FloatVector acc = FloatVector.zero(F);
        FloatVector minAcc = FloatVector.zero(F);
        for (int blockStart = 0; blockStart < n; blockStart += QK, offset += BLOCK_BYTES) {
            float d = Float.float16ToFloat(weights.get(SHORT_LE, offset));
            float dmin = Float.float16ToFloat(weights.get(SHORT_LE, offset + 2));
            long scales = offset + 4;
            for (int pair = 0; pair < 4; pair++) {
                FloatVector lo = FloatVector.zero(F);
                FloatVector hi = FloatVector.zero(F);
                FloatVector xLoSum = FloatVector.zero(F);
                FloatVector xHiSum = FloatVector.zero(F);
                int xo = xOffset + blockStart + 64 * pair;
                for (int l = 0; l < 32; l += L) {
                    FloatVector xLo = FloatVector.fromArray(F, x, xo + l);
                    FloatVector xHi = FloatVector.fromArray(F, x, xo + 32 + l);
                    lo = low(weights, offset, pair, l).fma(xLo, lo);
                    hi = high(weights, offset, pair, l).fma(xHi, hi);
                    xLoSum = xLoSum.add(xLo);
                    xHiSum = xHiSum.add(xHi);
                }
                acc = lo.fma(FloatVector.broadcast(F, d * KScales.scale(weights, scales, 2 * pair)), acc);
                acc = hi.fma(FloatVector.broadcast(F, d * KScales.scale(weights, scales, 2 * pair + 1)), acc);
                minAcc = xLoSum.fma(FloatVector.broadcast(F, dmin * KScales.min(weights, scales, 2 * pair)), minAcc);
                minAcc = xHiSum.fma(FloatVector.broadcast(F, dmin * KScales.min(weights, scales, 2 * pair + 1)), minAcc);
            }
        }
        return acc.sub(minAcc).reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void dequantize(MemorySegment weights, long offset, float[] dst, int dstOffset, int n) {
        for (int blockStart = 0; blockStart < n; blockStart += QK, offset += BLOCK_BYTES) {
            float d = Float.float16ToFloat(weights.get(SHORT_LE, offset));
            float dmin = Float.float16ToFloat(weights.get(SHORT_LE, offset + 2));
            long scales = offset + 4;
            for (int pair = 0; pair < 4; pair++) {
                FloatVector d1 = FloatVector.broadcast(F, d * KScales.scale(weights, scales, 2 * pair));
                FloatVector m1 = FloatVector.broadcast(F, -dmin * KScales.min(weights, scales, 2 * pair));
                FloatVector d2 = FloatVector.broadcast(F, d * KScales.scale(weights, scales, 2 * pair + 1));
                FloatVector m2 = FloatVector.broadcast(F, -dmin * KScales.min(weights, scales, 2 * pair + 1));
                int o = dstOffset + blockStart + 64 * pair;
                for (int l = 0; l < 32; l += L) {
                    low(weights, offset, pair, l).fma(d1, m1).intoArray(dst, o + l);
                    high(weights, offset, pair, l).fma(d2, m2).intoArray(dst, o + 32 + l);
                }
            }
        }
    }

    /** Quants of sub-block 2 * pair, lanes l .. l + L: low nibble plus bit 2 * pair of qh as the fifth bit. */
    private static FloatVector low(MemorySegment w, long block, int pair, int l) {
        ByteVector packed = ByteVector.fromMemorySegment(B, w, block + 48 + 32L * pair + l, LE);
        ByteVector qh = ByteVector.fromMemorySegment(B, w, block + 16 + l, LE);
        ByteVector fifth = qh.lanewise(VectorOperators.LSHR, 2 * pair).and((byte) 1).lanewise(VectorOperators.LSHL, 4);
        return Vectors.bytesToFloat(packed.and((byte) 0xF).or(fifth));
    }

    /** Quants of sub-block 2 * pair + 1: high nibble plus bit 2 * pair + 1 of qh. */
    private static FloatVector high(MemorySegment w, long block, int pair, int l) {
        ByteVector packed = ByteVector.fromMemorySegment(B, w, block + 48 + 32L * pair + l, LE);
        ByteVector qh = ByteVector.fromMemorySegment(B, w, block + 16 + l, LE);
        ByteVector fifth = qh.lanewise(VectorOperators.LSHR, 2 * pair + 1).and((byte) 1)
                .lanewise(VectorOperators.LSHL, 4);
        return Vectors.bytesToFloat(packed.lanewise(VectorOperators.LSHR, 4).or(fifth));
    }
}
