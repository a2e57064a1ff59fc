package io.lariat.engine.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Scalar reference dequantizers transcribed from ggml's {@code dequantize_row_*} functions, plus a scalar dot
 * product. They define what the vector kernels must compute; tests compare every kernel against them. Stateless
 * and thread-safe; slow by design.
 */
public final class ReferenceKernels {
    private static final ValueLayout.OfShort SHORT_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ReferenceKernels() {
    }

    /** The reference dequantizer of one weight type. */
    @FunctionalInterface
    public interface Dequantizer {
        /** Writes {@code n} weights starting at byte {@code offset} to {@code dst[0..n)}. */
        void dequantize(MemorySegment w, long offset, float[] dst, int n);
    }

    /** Double-precision dot product of {@code a} and {@code b} over their common length. */
    public static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** ggml F32. */
    public static void f32(MemorySegment w, long offset, float[] dst, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = w.get(FLOAT_LE, offset + 4L * i);
        }
    }

    /** ggml F16. */
    public static void f16(MemorySegment w, long offset, float[] dst, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = half(w, offset + 2L * i);
        }
    }

    /** ggml BF16. */
    public static void bf16(MemorySegment w, long offset, float[] dst, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = Float.intBitsToFloat((w.get(SHORT_LE, offset + 2L * i) & 0xFFFF) << 16);
        }
    }

    /** ggml dequantize_row_q8_0. */
    public static void q8_0(MemorySegment w, long offset, float[] dst, int n) {
        for (int b = 0; b < n / 32; b++, offset += 34) {
            float d = half(w, offset);
            for (int j = 0; j < 32; j++) {
                dst[b * 32 + j] = w.get(ValueLayout.JAVA_BYTE, offset + 2 + j) * d;
            }
        }
    }

    /** ggml dequantize_row_q4_0. */
    public static void q4_0(MemorySegment w, long offset, float[] dst, int n) {
        for (int b = 0; b < n / 32; b++, offset += 18) {
            float d = half(w, offset);
            for (int j = 0; j < 16; j++) {
                int q = u8(w, offset + 2 + j);
                dst[b * 32 + j] = ((q & 0xF) - 8) * d;
                dst[b * 32 + j + 16] = ((q >> 4) - 8) * d;
            }
        }
    }

    /** ggml dequantize_row_q4_1. */
    public static void q4_1(MemorySegment w, long offset, float[] dst, int n) {
        for (int b = 0; b < n / 32; b++, offset += 20) {
            float d = half(w, offset);
            float m = half(w, offset + 2);
            for (int j = 0; j < 16; j++) {
                int q = u8(w, offset + 4 + j);
                dst[b * 32 + j] = (q & 0xF) * d + m;
                dst[b * 32 + j + 16] = (q >> 4) * d + m;
            }
        }
    }

    /** ggml dequantize_row_q4_K. */
    public static void q4K(MemorySegment w, long offset, float[] dst, int n) {
        for (int b = 0; b < n / 256; b++, offset += 144) {
            float d = half(w, offset);
            float min = half(w, offset + 2);
            int y = b * 256;
            long q = offset + 16;
            for (int j = 0, is = 0; j < 256; j += 64, is += 2, q += 32) {
                float d1 = d * KScales.scale(w, offset + 4, is);
                float m1 = min * KScales.min(w, offset + 4, is);
                float d2 = d * KScales.scale(w, offset + 4, is + 1);
                float m2 = min * KScales.min(w, offset + 4, is + 1);
                for (int l = 0; l < 32; l++) {
                    dst[y++] = d1 * (u8(w, q + l) & 0xF) - m1;
                }
                for (int l = 0; l < 32; l++) {
                    dst[y++] = d2 * (u8(w, q + l) >> 4) - m2;
                }
            }
        }
    }

    /** ggml dequantize_row_q5_K. */
    public static void q5K(MemorySegment w, long offset, float[] dst, int n) {
        for (int b = 0; b < n / 256; b++, offset += 176) {
            float d = half(w, offset);
            float min = half(w, offset + 2);
            int y = b * 256;
            long ql = offset + 48;
            long qh = offset + 16;
            int u1 = 1;
            int u2 = 2;
            for (int j = 0, is = 0; j < 256; j += 64, is += 2, ql += 32, u1 <<= 2, u2 <<= 2) {
                float d1 = d * KScales.scale(w, offset + 4, is);
                float m1 = min * KScales.min(w, offset + 4, is);
                float d2 = d * KScales.scale(w, offset + 4, is + 1);
                float m2 = min * KScales.min(w, offset + 4, is + 1);
                for (int l = 0; l < 32; l++) {
                    dst[y++] = d1 * ((u8(w, ql + l) & 0xF) + ((u8(w, qh + l) & u1) != 0 ? 16 : 0)) - m1;
                }
                for (int l = 0; l < 32; l++) {
                    dst[y++] = d2 * ((u8(w, ql + l) >> 4) + ((u8(w, qh + l) & u2) != 0 ? 16 : 0)) - m2;
                }
            }
        }
    }

    /** ggml dequantize_row_q6_K. */
    public static void q6K(MemorySegment w, long offset, float[] dst, int n) {
        for (int b = 0; b < n / 256; b++, offset += 210) {
            float d = half(w, offset + 208);
            long ql = offset;
            long qh = offset + 128;
            long sc = offset + 192;
            for (int half = 0, y = b * 256; half < 2; half++, y += 128, ql += 64, qh += 32, sc += 8) {
                for (int l = 0; l < 32; l++) {
                    int is = l / 16;
                    int h = u8(w, qh + l);
                    int q1 = ((u8(w, ql + l) & 0xF) | ((h & 3) << 4)) - 32;
                    int q2 = ((u8(w, ql + l + 32) & 0xF) | (((h >> 2) & 3) << 4)) - 32;
                    int q3 = ((u8(w, ql + l) >> 4) | (((h >> 4) & 3) << 4)) - 32;
                    int q4 = ((u8(w, ql + l + 32) >> 4) | (((h >> 6) & 3) << 4)) - 32;
                    dst[y + l] = d * s8(w, sc + is) * q1;
                    dst[y + l + 32] = d * s8(w, sc + is + 2) * q2;
                    dst[y + l + 64] = d * s8(w, sc + is + 4) * q3;
                    dst[y + l + 96] = d * s8(w, sc + is + 6) * q4;
                }
            }
        }
    }

    private static float half(MemorySegment w, long at) {
        return Float.float16ToFloat(w.get(SHORT_LE, at));
    }

    private static int u8(MemorySegment w, long at) {
        return w.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }

    private static int s8(MemorySegment w, long at) {
        return w.get(ValueLayout.JAVA_BYTE, at);
    }
}
