package io.lariat.engine.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;

/** Seeded random rows of every supported weight type: random quant bytes with finite, moderate scales. */
public final class RandomWeights {
    private static final ValueLayout.OfShort SHORT_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private RandomWeights() {
    }

    /** A segment of {@code rows} random rows of {@code n} elements for {@code kernel}'s type. */
    public static MemorySegment rows(MatrixKernel kernel, int rows, int n, long seed) {
        Random random = new Random(seed);
        long bytes = rows * kernel.rowBytes(n);
        MemorySegment segment = Arena.ofAuto().allocate(bytes + 1, 1).asSlice(1, bytes);
        for (long i = 0; i < bytes; i++) {
            segment.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt(256));
        }
        long blocks = bytes / kernel.blockBytes();
        for (long b = 0; b < blocks; b++) {
            fixScales(kernel, segment, b * kernel.blockBytes(), random);
        }
        return segment;
    }

    /** {@code n} random activations in [-1, 1). */
    public static float[] activations(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        return x;
    }

    private static void fixScales(MatrixKernel kernel, MemorySegment s, long at, Random random) {
        switch (kernel) {
            case F32Kernel k -> s.set(FLOAT_LE, at, random.nextFloat() * 2 - 1);
            case F16Kernel k -> s.set(SHORT_LE, at, half(random.nextFloat() * 4 - 2));
            case BF16Kernel k -> s.set(SHORT_LE, at, (short) (Float.floatToIntBits(random.nextFloat() * 4 - 2) >>> 16));
            case Q8_0Kernel k -> s.set(SHORT_LE, at, scale(random));
            case Q4_0Kernel k -> s.set(SHORT_LE, at, scale(random));
            case Q4_1Kernel k -> {
                s.set(SHORT_LE, at, scale(random));
                s.set(SHORT_LE, at + 2, half(-random.nextFloat() * 0.2f));
            }
            case Q4KKernel k -> {
                s.set(SHORT_LE, at, scale(random));
                s.set(SHORT_LE, at + 2, scale(random));
            }
            case Q5KKernel k -> {
                s.set(SHORT_LE, at, scale(random));
                s.set(SHORT_LE, at + 2, scale(random));
            }
            case Q6KKernel k -> s.set(SHORT_LE, at + 208, scale(random));
            case ScalarKernel k -> fixScales(vectorTwin(k), s, at, random);
        }
    }

    /** The Vector API kernel of a scalar kernel's type, whose block layout it shares. */
    private static MatrixKernel vectorTwin(ScalarKernel kernel) {
        return switch (kernel.type()) {
            case F32 -> F32Kernel.INSTANCE;
            case F16 -> F16Kernel.INSTANCE;
            case BF16 -> BF16Kernel.INSTANCE;
            case Q8_0 -> Q8_0Kernel.INSTANCE;
            case Q4_0 -> Q4_0Kernel.INSTANCE;
            case Q4_1 -> Q4_1Kernel.INSTANCE;
            case Q4_K -> Q4KKernel.INSTANCE;
            case Q5_K -> Q5KKernel.INSTANCE;
            case Q6_K -> Q6KKernel.INSTANCE;
            default -> throw new IllegalArgumentException("no kernel for " + kernel.type());
        };
    }

    private static short scale(Random random) {
        return half(0.001f + random.nextFloat() * 0.05f);
    }

    private static short half(float value) {
        return Float.floatToFloat16(value);
    }
}
