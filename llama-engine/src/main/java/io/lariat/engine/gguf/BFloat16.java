package io.lariat.engine.gguf;

/**
 * bfloat16 conversions, rounding exactly as ggml's {@code ggml_compute_fp32_to_bf16}.
 *
 * <p>Round to nearest, ties to even on the upper 16 bits of the float; subnormals are kept (not flushed); a NaN
 * keeps its sign and upper payload and is made quiet. Stateless and thread-safe.
 */
public final class BFloat16 {

    private BFloat16() {
    }

    /** The float value of the bfloat16 {@code bits}; exact. */
    public static float toFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** {@code value} rounded to the nearest bfloat16, ties to even. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {
            return (short) ((bits >>> 16) | 64); // NaN: force the quiet bit, as ggml does
        }
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }
}
