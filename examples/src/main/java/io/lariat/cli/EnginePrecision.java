package io.lariat.cli;

import io.lariat.engine.Precision;

/** The {@code --precision} option of the commands that load a model. */
final class EnginePrecision {
    private EnginePrecision() {
    }

    /** {@code exact} or {@code fast}; a CLI error naming the known values otherwise. */
    static Precision parse(String value) {
        try {
            return Precision.named(value);
        } catch (IllegalArgumentException e) {
            throw new CliException("--precision: " + e.getMessage(), e);
        }
    }
}
