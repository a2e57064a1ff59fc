package io.lariat.engine.tokenizer;

/**
 * A vocabulary that cannot make a working tokenizer: an unsupported tokenizer model or pre-tokenizer, a merge
 * naming a token that does not exist, missing byte tokens, inconsistent array lengths.
 *
 * <p>{@link #problem()} says what is wrong in words, naming the offending token, merge or metadata key.
 */
public final class TokenizerException extends RuntimeException {

    private final String problem;

    /** Creates the exception; {@code problem} becomes the message. */
    public TokenizerException(String problem) {
        super(problem);
        this.problem = problem;
    }

    /** What is wrong with the vocabulary. */
    public String problem() {
        return problem;
    }
}
