package io.lariat.cli;

import io.lariat.engine.Precision;

/**
 * The {@code --precision} option of the commands that load a model. The option has no picocli default: left out, it
 * stays null and the engine's own default ({@link Precision#DEFAULT}) applies.
 */
final class EnginePrecision {
    /** The option's help text. */
    static final String DESCRIPTION = "exact (float activations) or fast (8-bit activations for Q4_0, Q4_K, Q6_K and "
            + "Q8_0 matrices at least about 1,024 columns wide; others stay exact) (default: fast).";

    private EnginePrecision() {
    }

    /** {@code exact} or {@code fast}, {@link Precision#DEFAULT} when absent; a CLI error for another value. */
    static Precision parse(String value) {
        if (value == null) {
            return Precision.DEFAULT;
        }
        try {
            return Precision.named(value);
        } catch (IllegalArgumentException e) {
            throw new CliException("--precision: " + e.getMessage(), e);
        }
    }
}
