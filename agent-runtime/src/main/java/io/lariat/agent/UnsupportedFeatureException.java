package io.lariat.agent;

/** A request asks for something the model's backend deliberately does not support (HTTP 501, naming the feature). */
public final class UnsupportedFeatureException extends RuntimeException {
    private final String feature;

    /**
     * @param feature the feature as the request named it, e.g. {@code response_format}
     * @param reason  why it is not available here
     */
    public UnsupportedFeatureException(String feature, String reason) {
        super(feature + " is not supported: " + reason);
        this.feature = feature;
    }

    /** The feature as the request named it. */
    public String feature() {
        return feature;
    }
}
