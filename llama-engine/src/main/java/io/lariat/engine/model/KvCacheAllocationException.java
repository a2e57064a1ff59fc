package io.lariat.engine.model;

/**
 * A key/value cache could not be created: the context is larger than the model's, or the memory it needs is not
 * available. Carries the figures so the caller can suggest a smaller context.
 */
public final class KvCacheAllocationException extends RuntimeException {
    private final int contextSize;
    private final long bytesNeeded;

    /**
     * @param contextSize the requested context, in tokens
     * @param bytesNeeded the memory that context needs
     * @param problem     why it failed
     */
    public KvCacheAllocationException(int contextSize, long bytesNeeded, String problem) {
        super("KV cache for " + contextSize + " tokens (" + KvCache.describeBytes(bytesNeeded) + "): " + problem);
        this.contextSize = contextSize;
        this.bytesNeeded = bytesNeeded;
    }

    /** The requested context, in tokens. */
    public int contextSize() {
        return contextSize;
    }

    /** Bytes the cache needs. */
    public long bytesNeeded() {
        return bytesNeeded;
    }
}
