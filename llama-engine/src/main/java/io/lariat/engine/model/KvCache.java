package io.lariat.engine.model;

import java.util.Locale;

/**
 * The key/value memory of one model: hands out a {@link KvSequence} per token sequence being evaluated.
 *
 * <p>Thread-safe.
 */
public final class KvCache {
    private final LlamaConfig config;
    private final KvCacheType type;

    private KvCache(LlamaConfig config, KvCacheType type) {
        this.config = config;
        this.type = type;
    }

    /** A cache for sequences of {@code config}'s model, stored as {@code type}. */
    public static KvCache create(LlamaConfig config, KvCacheType type) {
        return new KvCache(config, type);
    }

    /**
     * A new empty sequence of up to {@code contextSize} positions.
     *
     * @throws KvCacheAllocationException if {@code contextSize} is outside 1..{@code config.contextLength()} or the
     *                                    memory cannot be allocated
     */
    public KvSequence newSequence(int contextSize) {
        return KvSequence.allocate(config, contextSize, type);
    }

    /** Element type. */
    public KvCacheType type() {
        return type;
    }

    /** Bytes a cache of {@code contextSize} positions needs for {@code config}. */
    public static long bytesNeeded(LlamaConfig config, int contextSize, KvCacheType type) {
        return 2L * config.layers() * contextSize * config.kvDim() * type.bytes();
    }

    /** A byte count in MiB or GiB with two decimals, for messages. */
    public static String describeBytes(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.2f MiB", bytes / (double) (1L << 20));
    }
}
