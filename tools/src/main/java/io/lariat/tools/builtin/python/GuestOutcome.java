package io.lariat.tools.builtin.python;

/** How one cell ended inside a worker process. */
sealed interface GuestOutcome {

    /** The cell ran to the end; {@code repr} is the final expression's repr, or {@code null} if there was none. */
    record Completed(String repr) implements GuestOutcome {
    }

    /** The cell raised {@code error}. */
    record Raised(PythonError error) implements GuestOutcome {
    }

    /** GraalPy failed internally (not the user's fault); the context must not be reused. */
    record Crashed(String description) implements GuestOutcome {
    }
}
