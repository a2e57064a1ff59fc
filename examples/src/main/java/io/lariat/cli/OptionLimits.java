package io.lariat.cli;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The ranges of numeric options shared by several commands, checked while the command line is parsed so that a value
 * out of range is a usage error (one line, exit status 2) before any model is loaded.
 */
final class OptionLimits {
    /** The longest context any supported model was trained for (Llama 3.1: 128 Ki tokens). */
    static final int MAX_CONTEXT = 131_072;
    /** The shortest context a chat turn fits in. */
    static final int MIN_CONTEXT = 16;

    private OptionLimits() {
    }

    /** {@code --temperature}: a finite number, 0 (greedy) or more. */
    static final class Temperature implements ITypeConverter<Float> {
        @Override
        public Float convert(String value) {
            float t = number(value);
            if (!(t >= 0) || Float.isInfinite(t)) {
                throw new TypeConversionException("the temperature must be 0 (greedy) or more, got " + value);
            }
            return t;
        }
    }

    /** {@code --top-p}: a probability mass above 0, at most 1. */
    static final class TopP implements ITypeConverter<Float> {
        @Override
        public Float convert(String value) {
            float p = number(value);
            if (!(p > 0 && p <= 1)) {
                throw new TypeConversionException("top-p must be above 0 and at most 1, got " + value);
            }
            return p;
        }
    }

    /** {@code --ctx}: between {@value #MIN_CONTEXT} and {@value #MAX_CONTEXT} tokens. */
    static final class ContextSize implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number of tokens");
            }
            if (n < MIN_CONTEXT || n > MAX_CONTEXT) {
                throw new TypeConversionException("the context must be " + MIN_CONTEXT + " to " + MAX_CONTEXT
                        + " tokens, got " + value);
            }
            return n;
        }
    }

    private static float number(String value) {
        try {
            return Float.parseFloat(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number");
        }
    }
}
