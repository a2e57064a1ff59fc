package io.lariat.prompts.grammar;

/**
 * A JSON Schema that cannot be compiled to a grammar: an unsupported keyword, a malformed value, or a schema no
 * output can satisfy. The message names the keyword and the schema location as a JSON pointer.
 */
public final class SchemaGrammarException extends RuntimeException {
    private final String location;
    private final String problem;

    /**
     * @param location JSON pointer of the schema object at fault, {@code #} for the root
     * @param problem  what is wrong there
     */
    public SchemaGrammarException(String location, String problem) {
        super(problem + " at " + location);
        this.location = location;
        this.problem = problem;
    }

    /** JSON pointer of the schema object at fault, {@code #} for the root. */
    public String location() {
        return location;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
