package io.lariat.agent;

/**
 * A request asks for something Lariat deliberately does not do; each dialect answers 501 in its error shape, naming
 * the feature, so a client learns at once instead of getting a silently different answer.
 */
public final class UnsupportedFeatureException extends RuntimeException {
    private final String path;

    /**
     * @param path    the JSON path of the field asking for the feature
     * @param feature what is not supported, for people ({@code "log probabilities"})
     */
    public UnsupportedFeatureException(String path, String feature) {
        super(path + ": " + feature + " is not supported by Lariat");
        this.path = path;
    }

    /** The JSON path of the field asking for the feature. */
    public String path() {
        return path;
    }
}
