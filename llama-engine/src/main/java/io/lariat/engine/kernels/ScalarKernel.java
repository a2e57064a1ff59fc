package io.lariat.engine.kernels;

import io.lariat.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * The matrix kernel of one weight type on the scalar path: rows decoded by ggml's reference dequantizers
 * ({@link ReferenceKernels}) and multiplied in plain Java. A row is decoded once for all the tokens of a
 * {@link #dots} call. Stateless apart from a per-thread row buffer; thread-safe.
 */
public final class ScalarKernel implements MatrixKernel {
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[0]);

    private final GgmlType type;
    private final ReferenceKernels.Dequantizer dequantizer;

    private ScalarKernel(GgmlType type, ReferenceKernels.Dequantizer dequantizer) {
        this.type = type;
        this.dequantizer = dequantizer;
    }

    /** The scalar kernel of {@code type}, or empty for a type Lariat does not compute with. */
    static Optional<MatrixKernel> of(GgmlType type) {
        ReferenceKernels.Dequantizer dequantizer = switch (type) {
            case F32 -> ReferenceKernels::f32;
            case F16 -> ReferenceKernels::f16;
            case BF16 -> ReferenceKernels::bf16;
            case Q8_0 -> ReferenceKernels::q8_0;
            case Q4_0 -> ReferenceKernels::q4_0;
            case Q4_1 -> ReferenceKernels::q4_1;
            case Q4_K -> ReferenceKernels::q4K;
            case Q5_K -> ReferenceKernels::q5K;
            case Q6_K -> ReferenceKernels::q6K;
            default -> null;
        };
        return Optional.ofNullable(dequantizer).map(d -> new ScalarKernel(type, d));
    }

    /** The weight type this kernel reads. */
    public GgmlType type() {
        return type;
    }

    @Override
    public int blockSize() {
        return type.blockSize();
    }

    @Override
    public int blockBytes() {
        return type.blockBytes();
    }

    @Override
    public float dot(MemorySegment weights, long offset, float[] x, int xOffset, int n) {
        float[] row = decode(weights, offset, n);
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += row[i] * x[xOffset + i];
        }
        return sum;
    }

    @Override
    public void dots(MemorySegment weights, long offset, float[] x, int tokens, int n, float[] out, int outOffset,
                     int outStride) {
        float[] row = decode(weights, offset, n);
        for (int t = 0; t < tokens; t++) {
            float sum = 0;
            for (int i = 0; i < n; i++) {
                sum += row[i] * x[t * n + i];
            }
            out[outOffset + t * outStride] = sum;
        }
    }

    @Override
    public boolean sharesDots() {
        return true;
    }

    @Override
    public void dequantize(MemorySegment weights, long offset, float[] dst, int dstOffset, int n) {
        System.arraycopy(decode(weights, offset, n), 0, dst, dstOffset, n);
    }

    /** The {@code n} weights at {@code offset} in this thread's row buffer. */
    private float[] decode(MemorySegment weights, long offset, int n) {
        float[] row = ROW.get();
        if (row.length < n) {
            row = new float[n];
            ROW.set(row);
        }
        dequantizer.dequantize(weights, offset, row, n);
        return row;
    }

    @Override
    public String toString() {
        return "ScalarKernel[" + type + "]";
    }
}
