package io.lariat.prompts.validate;

import io.lariat.prompts.ToolSpec;
import io.lariat.prompts.parse.ToolCall;

import java.util.List;

/** The outcome of checking one tool call against the declared tools. Immutable. */
public sealed interface CallValidation permits CallValidation.Valid, CallValidation.Invalid {

    /** The call as the model wrote it. */
    ToolCall original();

    /**
     * The call matches a declared tool.
     *
     * @param original the call as written
     * @param call     the same call with its arguments coerced to the declared types (e.g. {@code "10"} to 10)
     * @param tool     the declared tool it calls
     */
    record Valid(ToolCall original, ToolCall call, ToolSpec tool) implements CallValidation {
    }

    /**
     * The call cannot be executed.
     *
     * @param original the call as written
     * @param problems each problem with a JSON path, e.g. {@code $.unit: expected one of CELSIUS, FAHRENHEIT, got
     *                 "kelvin"}; never empty
     */
    record Invalid(ToolCall original, List<String> problems) implements CallValidation {

        /** Copies the problems. */
        public Invalid {
            problems = List.copyOf(problems);
        }

        /** All problems in one line, to report back to the model. */
        public String message() {
            return String.join("; ", problems);
        }
    }
}
