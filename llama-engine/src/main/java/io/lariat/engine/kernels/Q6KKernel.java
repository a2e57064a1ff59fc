package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.Vectors.B;
import static io.lariat.engine.kernels.Vectors.F;
import static io.lariat.engine.kernels.Vectors.L;
import static io.lariat.engine.kernels.Vectors.LE;
import static io.lariat.engine.kernels.Vectors.SHORT_LE;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Kernel for GGML Q6_K: super-blocks of 256 weights (210 bytes): 128 bytes of low nibbles, 64 bytes of 2-bit high
 * parts, 16 signed 8-bit scales (one per 16 weights), f16 d. Each half of 128 weights uses 64 low-nibble bytes and
 * 32 high bytes; element = d * scale * (q - 32).
 */
public final class Q6KKernel implements MatrixKernel {
    /** The shared instance. */
    public static final Q6KKernel INSTANCE = new Q6KKernel();
    private static final int QK = 256;
    private static final int BLOCK_BYTES = 210;

    private Q6KKernel() {
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
            float d = Float.float16ToFloat(weights.get(SHORT_LE, offset + 208));
            for (int half = 0; half < 2; half++) {
                for (int l = 0; l < 32; l += L) {
                    int xo = xOffset + blockStart + 128 * half + l;
                    for (int quarter = 0; quarter < 4; quarter++) {
                        float scale = d * scale(weights, offset, half, l, quarter);
                        FloatVector q = quant(weights, offset, half, l, quarter);
                        acc = q.mul(scale).fma(FloatVector.fromArray(F, x, xo + 32 * quarter), acc);
                    }
                }
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void dequantize(MemorySegment weights, long offset, float[] dst, int dstOffset, int n) {
        for (int blockStart = 0; blockStart < n; blockStart += QK, offset += BLOCK_BYTES) {
            float d = Float.float16ToFloat(weights.get(SHORT_LE, offset + 208));
            for (int half = 0; half < 2; half++) {
                for (int l = 0; l < 32; l += L) {
                    int o = dstOffset + blockStart + 128 * half + l;
                    for (int quarter = 0; quarter < 4; quarter++) {
                        float scale = d * scale(weights, offset, half, l, quarter);
                        quant(weights, offset, half, l, quarter).mul(scale).intoArray(dst, o + 32 * quarter);
                    }
                }
            }
        }
    }

    /** Scale for lanes l.. of quarter {@code quarter} (32 weights) of half {@code half}; L never exceeds 16. */
    private static int scale(MemorySegment w, long block, int half, int l, int quarter) {
        return w.get(ValueLayout.JAVA_BYTE, block + 192 + 8L * half + l / 16 + 2L * quarter);
    }

    /**
     * Signed quants q - 32 of weights 128 * half + 32 * quarter + l .. + L: quarters 0 and 2 take the low and high
     * nibbles of ql[l], quarters 1 and 3 those of ql[l + 32]; the high two bits come from qh[l] at bit 2 * quarter.
     */
    private static FloatVector quant(MemorySegment w, long block, int half, int l, int quarter) {
        long ql = block + 64L * half + l + (quarter & 1) * 32L;
        ByteVector nibbles = ByteVector.fromMemorySegment(B, w, ql, LE);
        nibbles = quarter < 2 ? nibbles.and((byte) 0xF) : nibbles.lanewise(VectorOperators.LSHR, 4);
        ByteVector qh = ByteVector.fromMemorySegment(B, w, block + 128 + 32L * half + l, LE);
        ByteVector high = qh.lanewise(VectorOperators.LSHR, 2 * quarter).and((byte) 3).lanewise(VectorOperators.LSHL, 4);
        return Vectors.bytesToFloat(nibbles.or(high).sub((byte) 32));
    }
}
