package io.lariat.engine.model;

/** Element type of the key/value cache. */
public enum KvCacheType {
    /** IEEE half floats: half the memory, the llama.cpp default. */
    F16(2),
    /** Full floats. */
    F32(4);

    private final int bytes;

    KvCacheType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per cached value. */
    public int bytes() {
        return bytes;
    }
}
