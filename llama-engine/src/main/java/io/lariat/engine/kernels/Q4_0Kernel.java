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
    /**
     * {@code q - 8} for every nibble value {@code q}, as float bits: with 16 int lanes one table lookup (a lane
     * permute) replaces the subtract-and-convert, which shares the port that the multiply-adds need.
     */
    private static final IntVector CENTERED = L == 16 ? FloatVector.fromArray(F,
            new float[] {-8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7}, 0).reinterpretAsInts() : null;

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
        return L == 16 ? dotByLookup(weights, offset, x, xOffset, n)
                : dotByConversion(weights, offset, x, xOffset, n);
    }

    /*
     * Two blocks per iteration, each with its own partial sum and accumulator: the multiply-add chains of
     * neighbouring blocks overlap instead of waiting on one another. Written out in one method because the JIT
     * boxes vectors that cross a call it did not inline.
     */
    private static float dotByLookup(MemorySegment weights, long offset, float[] x, int xo, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        IntVector table = CENTERED;
        int end = xo + n - n % (2 * QK);
        for (; xo < end; offset += 2 * BLOCK_BYTES, xo += 2 * QK) {
            IntVector q0 = (IntVector) ByteVector.fromMemorySegment(B, weights, offset + 2, LE)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
            IntVector q1 = (IntVector) ByteVector.fromMemorySegment(B, weights, offset + BLOCK_BYTES + 2, LE)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
            FloatVector s0 = q0.and(0xF).selectFrom(table).reinterpretAsFloats().mul(FloatVector.fromArray(F, x, xo));
            FloatVector s1 = q1.and(0xF).selectFrom(table).reinterpretAsFloats()
                    .mul(FloatVector.fromArray(F, x, xo + QK));
            s0 = q0.lanewise(VectorOperators.LSHR, 4).selectFrom(table).reinterpretAsFloats()
                    .fma(FloatVector.fromArray(F, x, xo + QK / 2), s0);
            s1 = q1.lanewise(VectorOperators.LSHR, 4).selectFrom(table).reinterpretAsFloats()
                    .fma(FloatVector.fromArray(F, x, xo + QK + QK / 2), s1);
            acc0 = s0.fma(FloatVector.broadcast(F, Float.float16ToFloat(weights.get(SHORT_LE, offset))), acc0);
            acc1 = s1.fma(FloatVector.broadcast(F, Float.float16ToFloat(weights.get(SHORT_LE, offset + BLOCK_BYTES))),
                    acc1);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        return n % (2 * QK) == 0 ? sum : sum + dotByConversion(weights, offset, x, xo, QK);
    }

    /** The 16 packed bytes of the block at {@code offset}, one per int lane. */
    private static IntVector nibbles(MemorySegment weights, long offset) {
        return (IntVector) ByteVector.fromMemorySegment(B, weights, offset + 2, LE)
                .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
    }

    private static float scale(MemorySegment weights, long offset) {
        return Float.float16ToFloat(weights.get(SHORT_LE, offset));
    }

    /** Any vector width: nibbles widen to ints, are centred, and convert to floats. */
    private static float dotByConversion(MemorySegment weights, long offset, float[] x, int xo, int n) {
        FloatVector acc = FloatVector.zero(F);
        for (int blockStart = 0; blockStart < n; blockStart += QK, offset += BLOCK_BYTES) {
            FloatVector sum = FloatVector.zero(F);
            for (int j = 0; j < QK / 2; j += L) {
                IntVector packed = (IntVector) ByteVector.fromMemorySegment(B, weights, offset + 2 + j, LE)
                        .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
                FloatVector lo = (FloatVector) packed.and(0xF).sub(8).convert(VectorOperators.I2F, 0);
                FloatVector hi = (FloatVector) packed.lanewise(VectorOperators.LSHR, 4).sub(8)
                        .convert(VectorOperators.I2F, 0);
                sum = lo.fma(FloatVector.fromArray(F, x, xo + blockStart + j), sum);
                sum = hi.fma(FloatVector.fromArray(F, x, xo + blockStart + j + QK / 2), sum);
            }
            acc = sum.fma(FloatVector.broadcast(F, scale(weights, offset)), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void dequantize(MemorySegment weights, long offset, float[] dst, int dstOffset, int n) {
        for (int blockStart = 0; blockStart < n; blockStart += QK, offset += BLOCK_BYTES) {
            float d = scale(weights, offset);
            int o = dstOffset + blockStart;
            if (L == 16) {
                IntVector packed = nibbles(weights, offset);
                packed.and(0xF).selectFrom(CENTERED).reinterpretAsFloats().mul(d).intoArray(dst, o);
                packed.lanewise(VectorOperators.LSHR, 4).selectFrom(CENTERED).reinterpretAsFloats().mul(d)
                        .intoArray(dst, o + QK / 2);
                continue;
            }
            for (int j = 0; j < QK / 2; j += L) {
                ByteVector packed = ByteVector.fromMemorySegment(B, weights, offset + 2 + j, LE);
                Vectors.bytesToFloat(packed.and((byte) 0xF).sub((byte) 8)).mul(d).intoArray(dst, o + j);
                Vectors.bytesToFloat(packed.lanewise(VectorOperators.LSHR, 4).sub((byte) 8)).mul(d)
                        .intoArray(dst, o + j + QK / 2);
            }
        }
    }
}
