package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.Vectors.B;
import static io.lariat.engine.kernels.Vectors.F;
import static io.lariat.engine.kernels.Vectors.I;
import static io.lariat.engine.kernels.Vectors.L;
import static io.lariat.engine.kernels.Vectors.LE;
import static io.lariat.engine.kernels.Vectors.SHORT_LE;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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

    // Two blocks per iteration with separate accumulators keep two FMA chains in flight.
    @Override
    public float dot(MemorySegment weights, long offset, float[] x, int xOffset, int n) {
        FloatVector even = FloatVector.zero(F);
        FloatVector odd = FloatVector.zero(F);
        int blockStart = 0;
        for (; blockStart + 2 * QK <= n; blockStart += 2 * QK, offset += 2 * BLOCK_BYTES) {
            even = block(weights, offset, x, xOffset + blockStart, even);
            odd = block(weights, offset + BLOCK_BYTES, x, xOffset + blockStart + QK, odd);
        }
        if (blockStart < n) {
            even = block(weights, offset, x, xOffset + blockStart, even);
        }
        return even.add(odd).reduceLanes(VectorOperators.ADD);
    }

    /** {@code acc + d * (q - 8) · x} for the block at {@code offset}; nibbles widen to ints, then to floats. */
    private static FloatVector block(MemorySegment weights, long offset, float[] x, int xo, FloatVector acc) {
        FloatVector sum = FloatVector.zero(F);
        for (int j = 0; j < QK / 2; j += L) {
            IntVector packed = (IntVector) ByteVector.fromMemorySegment(B, weights, offset + 2 + j, LE)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
            FloatVector lo = (FloatVector) packed.and(0xF).sub(8).convert(VectorOperators.I2F, 0);
            FloatVector hi = (FloatVector) packed.lanewise(VectorOperators.LSHR, 4).sub(8)
                    .convert(VectorOperators.I2F, 0);
            sum = lo.fma(FloatVector.fromArray(F, x, xo + j), sum);
            sum = hi.fma(FloatVector.fromArray(F, x, xo + j + QK / 2), sum);
        }
        float d = Float.float16ToFloat(weights.get(SHORT_LE, offset));
        return sum.fma(FloatVector.broadcast(F, d), acc);
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
