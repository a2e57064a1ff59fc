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
 * Kernel for GGML Q4_0: blocks of 32 weights as an f16 scale and 16 bytes of nibbles (18 bytes); byte j holds
 * element j in its low nibble and element j + 16 in its high nibble, each stored plus 8.
 */
public final class Q4_0Kernel implements MatrixKernel {
    /** The shared instance. */
    public static final Q4_0Kernel INSTANCE = new Q4_0Kernel();
    private static final int QK = 32;
    private static final int BLOCK_BYTES = 18;

    private Q4_0Kernel() {
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
        for (int blockStart = 0; blockStart < n; blockStart += QK, offset += BLOCK_BYTES) {
            FloatVector block = FloatVector.zero(F);
            int xo = xOffset + blockStart;
            for (int j = 0; j < QK / 2; j += L) {
                ByteVector packed = ByteVector.fromMemorySegment(B, weights, offset + 2 + j, LE);
                FloatVector lo = Vectors.bytesToFloat(packed.and((byte) 0xF).sub((byte) 8));
                FloatVector hi = Vectors.bytesToFloat(packed.lanewise(VectorOperators.LSHR, 4).sub((byte) 8));
                block = lo.fma(FloatVector.fromArray(F, x, xo + j), block);
                block = hi.fma(FloatVector.fromArray(F, x, xo + j + QK / 2), block);
            }
            float d = Float.float16ToFloat(weights.get(SHORT_LE, offset));
            acc = block.fma(FloatVector.broadcast(F, d), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void dequantize(MemorySegment weights, long offset, float[] dst, int dstOffset, int n) {
        for (int blockStart = 0; blockStart < n; blockStart += QK, offset += BLOCK_BYTES) {
            float d = Float.float16ToFloat(weights.get(SHORT_LE, offset));
            int o = dstOffset + blockStart;
            for (int j = 0; j < QK / 2; j += L) {
                ByteVector packed = ByteVector.fromMemorySegment(B, weights, offset + 2 + j, LE);
                Vectors.bytesToFloat(packed.and((byte) 0xF).sub((byte) 8)).mul(d).intoArray(dst, o + j);
                Vectors.bytesToFloat(packed.lanewise(VectorOperators.LSHR, 4).sub((byte) 8)).mul(d)
                        .intoArray(dst, o + j + QK / 2);
            }
        }
    }
}
