package io.lariat.engine;

/** How the engine multiplies weights with activations ({@code lariat.engine.precision}). */
public enum Precision {
    /** Float activations against the file's weights as stored: every weight type within 0.02 of an exact reference. */
    EXACT,
    /**
     * Q4_0, Q4_K, Q6_K and Q8_0 weights repacked once at load and multiplied with activations quantized to 8 bits per
     * block of 32 (llama.cpp's scheme); other types, and matrices narrower than about 1,024 columns (whose rows
     * would be mostly padding), stay exact. Needs vectors of at least 256 bits (AVX2 or AVX-512), else it is the
     * same as {@link #EXACT}.
     */
    FAST;

    /**
     * The engine's default ({@link EngineOptions.Builder}, {@code lariat bench}, and the CLI commands when
     * {@code --precision} is not given; the Quarkus setting has its own {@code @WithDefault}): the fast path, whose
     * logits are within 1.5 times llama.cpp's own distance from the exact reference on every shared golden model.
     */
    public static final Precision DEFAULT = FAST;

    /**
     * The precision called {@code name} ({@code exact} or {@code fast}, case-insensitive).
     *
     * @throws IllegalArgumentException for another name
     */
    public static Precision named(String name) {
        for (Precision p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + name + "' (known: exact, fast)");
    }
}
