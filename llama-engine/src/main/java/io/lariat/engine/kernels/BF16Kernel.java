package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.Vectors.F;
import static io.lariat.engine.kernels.Vectors.I;
import static io.lariat.engine.kernels.Vectors.L;
import static io.lariat.engine.kernels.Vectors.LE;
import static io.lariat.engine.kernels.Vectors.S;
import static io.lariat.engine.kernels.Vectors.SHORT_LE;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/** Kernel for GGML BF16 rows: the upper 16 bits of an IEEE float, any length. */
public final class BF16Kernel implements MatrixKernel {
    /** The shared instance. */
    public static final BF16Kernel INSTANCE = new BF16Kernel();

    private BF16Kernel() {
    }

    @Override
    public int blockSize() {
        return 1;
    }

    @Override
    public int blockBytes() {
        return 2;
    }

    @Override
    public float dot(MemorySegment weights, long offset, float[] x, int xOffset, int n) {
        FloatVector acc = FloatVector.zero(F);
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += L) {
            acc = load(weights, offset + 2L * i).fma(FloatVector.fromArray(F, x, xOffset + i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += scalar(weights, offset + 2L * i) * x[xOffset + i];
        }
        return sum;
    }

    @Override
    public void dequantize(MemorySegment weights, long offset, float[] dst, int dstOffset, int n) {
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += L) {
            load(weights, offset + 2L * i).intoArray(dst, dstOffset + i);
        }
        for (; i < n; i++) {
            dst[dstOffset + i] = scalar(weights, offset + 2L * i);
        }
    }

    private static FloatVector load(MemorySegment weights, long offset) {
        ShortVector halves = ShortVector.fromMemorySegment(S, weights, offset, LE);
        IntVector bits = (IntVector) halves.convertShape(VectorOperators.S2I, I, 0);
        return bits.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    private static float scalar(MemorySegment weights, long offset) {
        return Float.intBitsToFloat(weights.get(SHORT_LE, offset) << 16);
    }
}
