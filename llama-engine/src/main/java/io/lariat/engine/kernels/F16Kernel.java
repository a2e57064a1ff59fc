package io.lariat.engine.kernels;

import static io.lariat.engine.kernels.Vectors.F;
import static io.lariat.engine.kernels.Vectors.L;
import static io.lariat.engine.kernels.Vectors.LE;
import static io.lariat.engine.kernels.Vectors.S;
import static io.lariat.engine.kernels.Vectors.SHORT_LE;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/** Kernel for GGML F16 rows: IEEE half floats, any length. */
public final class F16Kernel implements MatrixKernel {
    /** The shared instance. */
    public static final F16Kernel INSTANCE = new F16Kernel();

    private F16Kernel() {
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
            FloatVector w = Vectors.halfToFloat(ShortVector.fromMemorySegment(S, weights, offset + 2L * i, LE));
            acc = w.fma(FloatVector.fromArray(F, x, xOffset + i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += Float.float16ToFloat(weights.get(SHORT_LE, offset + 2L * i)) * x[xOffset + i];
        }
        return sum;
    }

    @Override
    public void dequantize(MemorySegment weights, long offset, float[] dst, int dstOffset, int n) {
        int upper = F.loopBound(n);
        int i = 0;
        for (; i < upper; i += L) {
            Vectors.halfToFloat(ShortVector.fromMemorySegment(S, weights, offset + 2L * i, LE))
                    .intoArray(dst, dstOffset + i);
        }
        for (; i < n; i++) {
            dst[dstOffset + i] = Float.float16ToFloat(weights.get(SHORT_LE, offset + 2L * i));
        }
    }
}
