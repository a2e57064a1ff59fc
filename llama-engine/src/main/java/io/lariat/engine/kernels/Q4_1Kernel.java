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
 * Kernel for GGML Q4_1: blocks of 32 weights as f16 scale d, f16 minimum m and 16 bytes of unsigned nibbles
 * (20 bytes); element = nibble * d + m, with the Q4_0 nibble order.
 */
public final class Q4_1Kernel implements MatrixKernel {
    /** The shared instance. */
    public static final Q4_1Kernel INSTANCE = new Q4_1Kernel();
    private static final int QK = 32;
    private static final int BLOCK_BYTES = 20;

    private Q4_1Kernel() {
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
        FloatVector scaled = FloatVector.zero(F);
        FloatVector shifted = FloatVector.zero(F);
        for (int blockStart = 0; blockStart < n; blockStart += QK, offset += BLOCK_BYTES) {
            FloatVector block = FloatVector.zero(F);
            FloatVector xSum = FloatVector.zero(F);
            int xo = xOffset + blockStart;
            for (int j = 0; j < QK / 2; j += L) {
                ByteVector packed = ByteVector.fromMemorySegment(B, weights, offset + 4 + j, LE);
                FloatVector lo = Vectors.bytesToFloat(packed.and((byte) 0xF));
                FloatVector hi = Vectors.bytesToFloat(packed.lanewise(VectorOperators.LSHR, 4));
                FloatVector xLo = FloatVector.fromArray(F, x, xo + j);
                FloatVector xHi = FloatVector.fromArray(F, x, xo + j + QK / 2);
                block = hi.fma(xHi, lo.fma(xLo, block));
                xSum = xSum.add(xLo).add(xHi);
            }
            float d = Float.float16ToFloat(weights.get(SHORT_LE, offset));
            float m = Float.float16ToFloat(weights.get(SHORT_LE, offset + 2));
            scaled = block.fma(FloatVector.broadcast(F, d), scaled);
            shifted = xSum.fma(FloatVector.broadcast(F, m), shifted);
        }
        return scaled.add(shifted).reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void dequantize(MemorySegment weights, long offset, float[] dst, int dstOffset, int n) {
        for (int blockStart = 0; blockStart < n; blockStart += QK, offset += BLOCK_BYTES) {
            FloatVector d = FloatVector.broadcast(F, Float.float16ToFloat(weights.get(SHORT_LE, offset)));
            FloatVector m = FloatVector.broadcast(F, Float.float16ToFloat(weights.get(SHORT_LE, offset + 2)));
            int o = dstOffset + blockStart;
            for (int j = 0; j < QK / 2; j += L) {
                ByteVector packed = ByteVector.fromMemorySegment(B, weights, offset + 4 + j, LE);
                Vectors.bytesToFloat(packed.and((byte) 0xF)).fma(d, m).intoArray(dst, o + j);
                Vectors.bytesToFloat(packed.lanewise(VectorOperators.LSHR, 4)).fma(d, m)
                        .intoArray(dst, o + j + QK / 2);
            }
        }
    }
}
