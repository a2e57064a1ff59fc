package io.lariat.tools.binding;

/**
 * A tool argument that cannot be bound, located by JSON path so the model can correct it.
 *
 * <p>The message reads {@code $.unit: expected one of CELSIUS, FAHRENHEIT, got "kelvin"}. The registry turns it
 * into an error result; it never leaves {@code ToolRegistry.invoke}.
 */
public final class ArgumentException extends RuntimeException {

    private final String path;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param path JSON path of the bad value, starting with {@code $}
     * @param problem what was expected and what was found
     */
    public ArgumentException(String path, String problem) {
        super(path + ": " + problem, null, false, false);
        this.path = path;
        this.problem = problem;
    }

    /** JSON path of the bad value, e.g. {@code $.stops[2].date}. */
    public String path() {
        return path;
    }

    /** What was expected and what was found. */
    public String problem() {
        return problem;
    }
}
