package io.lariat.prompts;

/**
 * A conversation or chat template that cannot be rendered: for example a template's {@code raise_exception}, a
 * template syntax error, or tools placed in a first user message that does not exist.
 */
public final class PromptException extends RuntimeException {

    private final String problem;

    /** @param problem what is wrong, in words a user can act on */
    public PromptException(String problem) {
        super(problem);
        this.problem = problem;
    }

    /** @param problem what is wrong; @param cause the underlying failure */
    public PromptException(String problem, Throwable cause) {
        super(problem, cause);
        this.problem = problem;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }
}
