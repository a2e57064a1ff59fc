package io.lariat.agent;

/** A model reference (GGUF path or {@code name:tag}) does not resolve to a loadable model. */
public final class ModelNotFoundException extends RuntimeException {
    private final String reference;

    /**
     * @param reference the model reference as the user wrote it
     * @param problem   what was looked for and not found
     */
    public ModelNotFoundException(String reference, String problem) {
        super("model '%s' not found: %s".formatted(reference, problem));
        this.reference = reference;
    }

    /** The model reference as the user wrote it. */
    public String reference() {
        return reference;
    }
}
