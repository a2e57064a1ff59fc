package io.lariat.prompts.parse;

/**
 * Why a piece of model output that looked like a call could not be read as one; internal to the parser, which
 * turns it into a {@link ParsedTurn#problems()} entry and never lets it escape.
 */
final class MalformedCallException extends RuntimeException {

    MalformedCallException(String problem, int offset) {
        super(problem + " at offset " + offset, null, false, false);
    }

    MalformedCallException(String problem) {
        super(problem, null, false, false);
    }
}
