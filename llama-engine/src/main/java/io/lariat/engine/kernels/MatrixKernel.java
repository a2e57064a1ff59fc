package io.lariat.engine.kernels;

import io.lariat.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * Reads rows of one GGML weight type straight from a (memory-mapped) segment: fused dot products for decode and
 * row dequantization for batched prefill.
 *
 * <p>A row of {@code n} elements is stored as {@code n / blockSize()} consecutive blocks of {@code blockBytes()}
 * bytes, little-endian, in ggml's layout. {@code n} must be a multiple of {@code blockSize()}. Implementations are
 * stateless and thread-safe; they never copy the segment.
 */
public sealed interface MatrixKernel
        permits F32Kernel, F16Kernel, BF16Kernel, Q8_0Kernel, Q4_0Kernel, Q4_1Kernel, Q4KKernel, Q5KKernel, Q6KKernel,
        ScalarKernel {

    /** Elements per block (1 for the float types, 32 for Q8_0/Q4_0/Q4_1, 256 for the K-quants). */
    int blockSize();

    /** Bytes per block. */
    int blockBytes();

    /** Bytes of a row of {@code n} elements. */
    default long rowBytes(int n) {
        return (long) (n / blockSize()) * blockBytes();
    }

    /**
     * Dot product of the row starting at byte {@code offset} with {@code x[xOffset .. xOffset + n)}.
     *
     * @param n elements in the row, a multiple of {@link #blockSize()}
     */
    float dot(MemorySegment weights, long offset, float[] x, int xOffset, int n);

    /**
     * Dot products of the row starting at byte {@code offset} with {@code tokens} activation vectors of {@code n}
     * elements laid one after the other in {@code x} (token {@code t} at {@code t * n}): {@code out[outOffset + t *
     * outStride]} for each token. A small batch (one decode token of each of a few sequences) thus decodes each
     * weight once for all of them. The default calls {@link #dot} per token; kernels that can share the weights'
     * decoding across tokens override it.
     */
    default void dots(MemorySegment weights, long offset, float[] x, int tokens, int n, float[] out, int outOffset,
                      int outStride) {
        for (int t = 0; t < tokens; t++) {
            out[outOffset + t * outStride] = dot(weights, offset, x, t * n, n);
        }
    }

    /** Whether {@link #dots} shares the decoding of the weights across tokens (else it is {@link #dot} per token). */
    default boolean sharesDots() {
        return false;
    }

    /** Dequantizes the row starting at byte {@code offset} into {@code dst[dstOffset .. dstOffset + n)}. */
    void dequantize(MemorySegment weights, long offset, float[] dst, int dstOffset, int n);

    /**
     * The kernel that computes with {@code type} on this JVM's {@link KernelPath} (a {@link ScalarKernel} on the
     * scalar path), or empty when Lariat has none for it.
     */
    static Optional<MatrixKernel> of(GgmlType type) {
        if (KernelPath.current() == KernelPath.SCALAR) {
            return ScalarKernel.of(type);
        }
        return Optional.ofNullable(switch (type) {
            case F32 -> F32Kernel.INSTANCE;
            case F16 -> F16Kernel.INSTANCE;
            case BF16 -> BF16Kernel.INSTANCE;
            case Q8_0 -> Q8_0Kernel.INSTANCE;
            case Q4_0 -> Q4_0Kernel.INSTANCE;
            case Q4_1 -> Q4_1Kernel.INSTANCE;
            case Q4_K -> Q4KKernel.INSTANCE;
            case Q5_K -> Q5KKernel.INSTANCE;
            case Q6_K -> Q6KKernel.INSTANCE;
            default -> null;
        });
    }
}
