package io.lariat.engine.gguf;

/**
 * IEEE 754 half-precision (binary16) conversions, rounding exactly as ggml's {@code GGML_FP32_TO_FP16}.
 *
 * <p>Both directions delegate to {@link Float#floatToFloat16(float)} and {@link Float#float16ToFloat(short)}, which
 * round to nearest, ties to even, keep subnormals and overflow to infinity, as ggml's F16C and software paths do.
 * NaN payloads may differ from ggml's software path (which always writes {@code 0x7E00}); no model stores NaN.
 * Stateless and thread-safe.
 */
public final class Float16 {

    private Float16() {
    }

    /** The float value of the binary16 {@code bits}; exact. */
    public static float toFloat(short bits) {
        return Float.float16ToFloat(bits);
    }

    /** {@code value} rounded to the nearest binary16, ties to even. */
    public static short fromFloat(float value) {
        return Float.floatToFloat16(value);
    }
}
