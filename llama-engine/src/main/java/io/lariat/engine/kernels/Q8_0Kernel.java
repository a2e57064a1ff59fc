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

/** Kernel for GGML Q8_0: blocks of 32 signed bytes with one f16 scale (34 bytes). */
public final class Q8_0Kernel implements MatrixKernel {
    /** The shared instance. */
    public static final Q8_0Kernel INSTANCE = new Q8_0Kernel();
    private static final int QK = 32;
    private static final int BLOCK_BYTES = 34;

    private Q8_0Kernel() {
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
            for (int j = 0; j < QK; j += L) {
                FloatVector q = Vectors.bytesToFloat(ByteVector.fromMemorySegment(B, weights, offset + 2 + j, LE));
                block = q.fma(FloatVector.fromArray(F, x, xOffset + blockStart + j), block);
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
            for (int j = 0; j < QK; j += L) {
                FloatVector q = Vectors.bytesToFloat(ByteVector.fromMemorySegment(B, weights, offset + 2 + j, LE));
                q.mul(d).intoArray(dst, dstOffset + blockStart + j);
            }
        }
    }
}
