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

    @Override
    public boolean sharesDots() {
        return L == 16;
    }

    /** Four tokens at a time (a group of three repeats its last one, computed again but not stored). */
    @Override
    public void dots(MemorySegment weights, long offset, float[] x, int tokens, int n, float[] out, int outOffset,
                     int outStride) {
        if (L != 16) {
            MatrixKernel.super.dots(weights, offset, x, tokens, n, out, outOffset, outStride);
            return;
        }
        int t0 = 0;
        for (; tokens - t0 >= 3; t0 += 4) {
            dots4(weights, offset, x, t0, Math.min(4, tokens - t0), n, out, outOffset, outStride);
        }
        // one or two tokens left: a four-token pass would spend more on the repeated ones than it shares
        for (; t0 < tokens; t0++) {
            out[outOffset + t0 * outStride] = dot(weights, offset, x, t0 * n, n);
        }
    }

    /*
     * One row against four tokens: each block's 32 weights are decoded (table lookup, block scale) once into two
     * float vectors that then meet the four tokens' activations. Eight accumulators (low and high half per token)
     * keep the multiply-add chains independent. Written out in one method because the JIT boxes vectors that cross
     * a call it did not inline. Tokens t0 .. t0 + count - 1 (count 1 to 4; missing ones repeat the last).
     */
    private static void dots4(MemorySegment weights, long offset, float[] x, int t0, int count, int n, float[] out,
                              int outOffset, int outStride) {
        int x0 = t0 * n;
        int x1 = (t0 + Math.min(1, count - 1)) * n;
        int x2 = (t0 + Math.min(2, count - 1)) * n;
        int x3 = (t0 + count - 1) * n;
        FloatVector a0 = FloatVector.zero(F), b0 = FloatVector.zero(F), a1 = FloatVector.zero(F);
        FloatVector b1 = FloatVector.zero(F), a2 = FloatVector.zero(F), b2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F), b3 = FloatVector.zero(F);
        IntVector table = CENTERED;
        for (int k = 0; k < n; k += QK, offset += BLOCK_BYTES) {
            IntVector q = (IntVector) ByteVector.fromMemorySegment(B, weights, offset + 2, LE)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
            float d = Float.float16ToFloat(weights.get(SHORT_LE, offset));
            FloatVector lo = q.and(0xF).selectFrom(table).reinterpretAsFloats().mul(d);
            FloatVector hi = q.lanewise(VectorOperators.LSHR, 4).selectFrom(table).reinterpretAsFloats().mul(d);
            a0 = lo.fma(FloatVector.fromArray(F, x, x0 + k), a0);
            b0 = hi.fma(FloatVector.fromArray(F, x, x0 + k + QK / 2), b0);
            a1 = lo.fma(FloatVector.fromArray(F, x, x1 + k), a1);
            b1 = hi.fma(FloatVector.fromArray(F, x, x1 + k + QK / 2), b1);
            a2 = lo.fma(FloatVector.fromArray(F, x, x2 + k), a2);
            b2 = hi.fma(FloatVector.fromArray(F, x, x2 + k + QK / 2), b2);
            a3 = lo.fma(FloatVector.fromArray(F, x, x3 + k), a3);
            b3 = hi.fma(FloatVector.fromArray(F, x, x3 + k + QK / 2), b3);
        }
        int o = outOffset + t0 * outStride;
        out[o] = a0.add(b0).reduceLanes(VectorOperators.ADD);
        if (count > 1) {
            out[o + outStride] = a1.add(b1).reduceLanes(VectorOperators.ADD);
        }
        if (count > 2) {
            out[o + 2 * outStride] = a2.add(b2).reduceLanes(VectorOperators.ADD);
        }
        if (count > 3) {
            out[o + 3 * outStride] = a3.add(b3).reduceLanes(VectorOperators.ADD);
        }
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
