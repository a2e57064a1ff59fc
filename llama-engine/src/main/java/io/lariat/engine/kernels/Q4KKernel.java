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
 * Kernel for GGML Q4_K: super-blocks of 256 weights (144 bytes): f16 d, f16 dmin, 12 bytes of packed 6-bit
 * scales and minimums for 8 sub-blocks of 32, then 128 bytes of nibbles; 32 bytes serve two sub-blocks (low nibbles
 * the first, high nibbles the second). Element = d * scale * q - dmin * min.
 */
public final class Q4KKernel implements MatrixKernel {
    /** The shared instance. */
    public static final Q4KKernel INSTANCE = new Q4KKernel();
    private static final int QK = 256;
    private static final int BLOCK_BYTES = 144;

    private Q4KKernel() {
    }

    @Override
    public int blockSize() {
        return QK;
    }

    @Override
    public int blockBytes() {
        return BLOCK_BYTES;
    }

    // One loop body per 64 weights keeps the nibble loads shared between the two sub-blocks they encode.
    @Override
    public float dot(MemorySegment weights, long offset, float[] x, int xOffset, int n) {
        FloatVector acc = FloatVector.zero(F);
        FloatVector minAcc = FloatVector.zero(F);
        for (int blockStart = 0; blockStart < n; blockStart += QK, offset += BLOCK_BYTES) {
            float d = Float.float16ToFloat(weights.get(SHORT_LE, offset));
            float dmin = Float.float16ToFloat(weights.get(SHORT_LE, offset + 2));
            for (int pair = 0; pair < 4; pair++) {
                FloatVector lo = FloatVector.zero(F);
                FloatVector hi = FloatVector.zero(F);
                FloatVector xLoSum = FloatVector.zero(F);
                FloatVector xHiSum = FloatVector.zero(F);
                int xo = xOffset + blockStart + 64 * pair;
                long qs = offset + 16 + 32L * pair;
                for (int l = 0; l < 32; l += L) {
                    ByteVector packed = ByteVector.fromMemorySegment(B, weights, qs + l, LE);
                    FloatVector xLo = FloatVector.fromArray(F, x, xo + l);
                    FloatVector xHi = FloatVector.fromArray(F, x, xo + 32 + l);
                    lo = Vectors.bytesToFloat(packed.and((byte) 0xF)).fma(xLo, lo);
                    hi = Vectors.bytesToFloat(packed.lanewise(VectorOperators.LSHR, 4)).fma(xHi, hi);
                    xLoSum = xLoSum.add(xLo);
                    xHiSum = xHiSum.add(xHi);
                }
                long scales = offset + 4;
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
                long qs = offset + 16 + 32L * pair;
                for (int l = 0; l < 32; l += L) {
                    ByteVector packed = ByteVector.fromMemorySegment(B, weights, qs + l, LE);
                    Vectors.bytesToFloat(packed.and((byte) 0xF)).fma(d1, m1).intoArray(dst, o + l);
                    Vectors.bytesToFloat(packed.lanewise(VectorOperators.LSHR, 4)).fma(d2, m2)
                            .intoArray(dst, o + 32 + l);
                }
            }
        }
    }
}
