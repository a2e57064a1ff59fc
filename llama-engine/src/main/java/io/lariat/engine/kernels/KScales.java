package io.lariat.engine.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Decodes the twelve packed 6-bit scales and minimums of Q4_K and Q5_K super-blocks (ggml's get_scale_min_k4). */
final class KScales {
    private KScales() {
    }

    /** Scale of sub-block {@code j} (0..7) from the 12 bytes at {@code at}. */
    static int scale(MemorySegment w, long at, int j) {
        if (j < 4) {
            return u8(w, at + j) & 63;
        }
        return (u8(w, at + j + 4) & 0xF) | ((u8(w, at + j - 4) >> 6) << 4);
    }

    /** Minimum of sub-block {@code j} (0..7) from the 12 bytes at {@code at}. */
    static int min(MemorySegment w, long at, int j) {
        if (j < 4) {
            return u8(w, at + j + 4) & 63;
        }
        return (u8(w, at + j + 4) >> 4) | ((u8(w, at + j) >> 6) << 4);
    }

    static int u8(MemorySegment w, long at) {
        return w.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }
}
