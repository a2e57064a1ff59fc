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

    /*
     * Two blocks per iteration, each with its own partial sum and accumulator, so that the multiply-add chains of
     * neighbouring blocks overlap. Kept in one method: the JIT boxes vectors that cross a call it did not inline.
     */
    @Override
    public float dot(MemorySegment weights, long offset, float[] x, int xo, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int end = xo + n - n % (2 * QK);
        for (; xo < end; offset += 2 * BLOCK_BYTES, xo += 2 * QK) {
            FloatVector s0 = widen(weights, offset + 2).mul(FloatVector.fromArray(F, x, xo));
            FloatVector s1 = widen(weights, offset + BLOCK_BYTES + 2).mul(FloatVector.fromArray(F, x, xo + QK));
            for (int j = L; j < QK; j += L) {
                s0 = widen(weights, offset + 2 + j).fma(FloatVector.fromArray(F, x, xo + j), s0);
                s1 = widen(weights, offset + BLOCK_BYTES + 2 + j).fma(FloatVector.fromArray(F, x, xo + QK + j), s1);
            }
            acc0 = s0.fma(FloatVector.broadcast(F, Float.float16ToFloat(weights.get(SHORT_LE, offset))), acc0);
            acc1 = s1.fma(FloatVector.broadcast(F, Float.float16ToFloat(weights.get(SHORT_LE, offset + BLOCK_BYTES))),
                    acc1);
        }
        if (n % (2 * QK) != 0) {
            FloatVector s0 = widen(weights, offset + 2).mul(FloatVector.fromArray(F, x, xo));
            for (int j = L; j < QK; j += L) {
                s0 = widen(weights, offset + 2 + j).fma(FloatVector.fromArray(F, x, xo + j), s0);
            }
            acc0 = s0.fma(FloatVector.broadcast(F, Float.float16ToFloat(weights.get(SHORT_LE, offset))), acc0);
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }

    /** {@link Vectors#L} signed bytes at {@code offset} as floats, sign-extended to ints first. */
    private static FloatVector widen(MemorySegment weights, long offset) {
        return (FloatVector) ByteVector.fromMemorySegment(B, weights, offset, LE)
                .convertShape(VectorOperators.B2I, I, 0).convert(VectorOperators.I2F, 0);
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
