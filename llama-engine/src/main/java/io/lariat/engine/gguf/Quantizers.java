package io.lariat.engine.gguf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reference encoders and decoders for the tensor types {@link GgufWriter} can produce from floats: F32, F16, BF16,
 * Q8_0 and Q4_0.
 *
 * <p>The quantizers reproduce ggml's {@code quantize_row_q8_0_ref} and {@code quantize_row_q4_0_ref} bit for bit:
 * the same float arithmetic in the same order, C {@code roundf} (half away from zero) for Q8_0, truncation of
 * {@code x + 8.5f} for Q4_0, and the scale stored as binary16 rounded to nearest even. Block layouts (little-endian):
 * Q8_0 = fp16 scale + 32 signed bytes; Q4_0 = fp16 scale + 16 bytes whose low nibbles hold elements 0–15 and high
 * nibbles elements 16–31, each stored as {@code q + 8}. Stateless and thread-safe.
 */
public final class Quantizers {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int QK = 32;

    private Quantizers() {
    }

    /** Whether {@link #encode} and {@link #decode} support {@code type}. */
    public static boolean supports(GgmlType type) {
        return switch (type) {
            case F32, F16, BF16, Q8_0, Q4_0 -> true;
            default -> false;
        };
    }

    /**
     * Encodes {@code count} floats from {@code src[srcOffset…]} as {@code type} into {@code dst} at
     * {@code dstOffset}, writing {@code type.byteSize(count)} bytes.
     *
     * @throws IllegalArgumentException if the type is unsupported or {@code count} is not a whole number of blocks
     */
    public static void encode(GgmlType type, float[] src, int srcOffset, int count, byte[] dst, int dstOffset) {
        long bytes = type.byteSize(count);
        MemorySegment out = MemorySegment.ofArray(dst).asSlice(dstOffset, bytes);
        switch (type) {
            case F32 -> {
                for (int i = 0; i < count; i++) {
                    out.set(F32, 4L * i, src[srcOffset + i]);
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out.set(I16, 2L * i, Float16.fromFloat(src[srcOffset + i]));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    out.set(I16, 2L * i, BFloat16.fromFloat(src[srcOffset + i]));
                }
            }
            case Q8_0 -> quantizeQ8_0(src, srcOffset, count, dst, dstOffset);
            case Q4_0 -> quantizeQ4_0(src, srcOffset, count, dst, dstOffset);
            default -> throw new IllegalArgumentException("cannot encode floats as " + type);
        }
    }

    /**
     * Decodes {@code count} elements of {@code type} from {@code src} at byte {@code srcOffset} into
     * {@code dst[dstOffset…]}.
     *
     * @throws IllegalArgumentException if the type is unsupported or {@code count} is not a whole number of blocks
     */
    public static void decode(GgmlType type, MemorySegment src, long srcOffset, float[] dst, int dstOffset,
                              int count) {
        MemorySegment in = src.asSlice(srcOffset, type.byteSize(count));
        switch (type) {
            case F32 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = in.get(F32, 4L * i);
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = Float16.toFloat(in.get(I16, 2L * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = BFloat16.toFloat(in.get(I16, 2L * i));
                }
            }
            case Q8_0 -> decodeQ8_0(in, dst, dstOffset, count);
            case Q4_0 -> decodeQ4_0(in, dst, dstOffset, count);
            default -> throw new IllegalArgumentException("cannot decode " + type);
        }
    }

    /** ggml {@code quantize_row_q8_0_ref}: {@code count} (a multiple of 32) floats to Q8_0 blocks. */
    public static void quantizeQ8_0(float[] src, int srcOffset, int count, byte[] dst, int dstOffset) {
        checkBlocks(count);
        for (int block = 0; block < count / QK; block++) {
            int x = srcOffset + block * QK;
            int y = dstOffset + block * GgmlType.Q8_0.blockBytes();
            float amax = 0f;
            for (int j = 0; j < QK; j++) {
                amax = Math.max(amax, Math.abs(src[x + j]));
            }
            float d = amax / ((1 << 7) - 1);
            float id = d != 0f ? 1.0f / d : 0.0f;
            putShort(dst, y, Float16.fromFloat(d));
            for (int j = 0; j < QK; j++) {
                dst[y + 2 + j] = (byte) roundHalfAwayFromZero(src[x + j] * id);
            }
        }
    }

    /** ggml {@code quantize_row_q4_0_ref}: {@code count} (a multiple of 32) floats to Q4_0 blocks. */
    public static void quantizeQ4_0(float[] src, int srcOffset, int count, byte[] dst, int dstOffset) {
        checkBlocks(count);
        for (int block = 0; block < count / QK; block++) {
            int x = srcOffset + block * QK;
            int y = dstOffset + block * GgmlType.Q4_0.blockBytes();
            float amax = 0f;
            float max = 0f;
            for (int j = 0; j < QK; j++) {
                float v = src[x + j];
                if (amax < Math.abs(v)) { // strict: the first element of largest magnitude wins, as in ggml
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8;
            float id = d != 0f ? 1.0f / d : 0.0f;
            putShort(dst, y, Float16.fromFloat(d));
            for (int j = 0; j < QK / 2; j++) {
                int low = Math.min(15, (byte) (int) (src[x + j] * id + 8.5f));
                int high = Math.min(15, (byte) (int) (src[x + QK / 2 + j] * id + 8.5f));
                dst[y + 2 + j] = (byte) (low | (high << 4));
            }
        }
    }

    private static void decodeQ8_0(MemorySegment in, float[] dst, int dstOffset, int count) {
        for (int block = 0; block < count / QK; block++) {
            long y = (long) block * GgmlType.Q8_0.blockBytes();
            float d = Float16.toFloat(in.get(I16, y));
            for (int j = 0; j < QK; j++) {
                dst[dstOffset + block * QK + j] = in.get(ValueLayout.JAVA_BYTE, y + 2 + j) * d;
            }
        }
    }

    private static void decodeQ4_0(MemorySegment in, float[] dst, int dstOffset, int count) {
        for (int block = 0; block < count / QK; block++) {
            long y = (long) block * GgmlType.Q4_0.blockBytes();
            float d = Float16.toFloat(in.get(I16, y));
            int base = dstOffset + block * QK;
            for (int j = 0; j < QK / 2; j++) {
                int packed = in.get(ValueLayout.JAVA_BYTE, y + 2 + j) & 0xFF;
                dst[base + j] = ((packed & 0x0F) - 8) * d;
                dst[base + QK / 2 + j] = ((packed >>> 4) - 8) * d;
            }
        }
    }

    /** C {@code roundf}: halfway cases away from zero (Java's {@link Math#round(float)} rounds them up). */
    static float roundHalfAwayFromZero(float value) {
        double magnitude = Math.floor(Math.abs((double) value) + 0.5);
        return (float) Math.copySign(magnitude, value);
    }

    private static void putShort(byte[] dst, int offset, short value) {
        dst[offset] = (byte) value;
        dst[offset + 1] = (byte) (value >>> 8);
    }

    private static void checkBlocks(int count) {
        if (count < 0 || count % QK != 0) {
            throw new IllegalArgumentException(count + " is not a multiple of the block size " + QK);
        }
    }
}
