package io.lariat.agent.store;

/** Receives what a {@link ModelPuller} is doing; called on the pulling thread. */
public interface PullProgress {

    /** The transfers that follow, until the next call, are of {@code layer}'s blob. */
    default void layer(Manifest.Layer layer) {
    }

    /** A step such as {@code pulling manifest} or {@code verifying sha256 digest}. */
    void status(String line);

    /**
     * Bytes of one blob transferred so far.
     *
     * @param label what is transferred (a short digest)
     * @param done  bytes present, resumed ones included
     * @param total bytes of the whole blob, or -1 when unknown
     */
    void transfer(String label, long done, long total);

    /** The blob's transfer ended (complete or not). */
    void transferEnded(String label);
}
