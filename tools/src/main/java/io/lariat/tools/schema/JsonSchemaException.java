package io.lariat.tools.schema;

/**
 * Thrown when a Java type has no JSON Schema the tools support; names the type and, for nested types, the path.
 *
 * <p>Example: {@code Trip.stops[]: unsupported type java.lang.Object}.
 */
public final class JsonSchemaException extends RuntimeException {

    private final String path;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param path where in the type the problem is, e.g. {@code Trip.stops[]}
     * @param problem what is wrong
     */
    public JsonSchemaException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /** Where in the type the problem is. */
    public String path() {
        return path;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }
}
