package io.lariat.engine.model;

import io.lariat.engine.kernels.AttentionKernel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The keys and values of one token sequence, every layer, up to {@link #contextSize()} positions, taken from a
 * {@link KvCache}. The forward pass reaches it only through {@link Attention}.
 *
 * <p>Owned by one session; not thread-safe for concurrent writers (the forward pass writes each position once,
 * then reads). {@link #close()} gives the memory back.
 */
public final class KvSequence implements AutoCloseable {
    private final LlamaConfig config;
    private final KvCacheType type;
    private final int contextSize;
    private final Arena arena;
    private final MemorySegment memory;
    private final long headBytes;
    private final long layerBytes;

    private KvSequence(LlamaConfig config, KvCacheType type, int contextSize, Arena arena, MemorySegment memory) {
        this.config = config;
        this.type = type;
        this.contextSize = contextSize;
        this.arena = arena;
        this.memory = memory;
        this.headBytes = (long) contextSize * config.headDim() * type.bytes();
        this.layerBytes = 2 * headBytes * config.kvHeads();
    }

    /**
     * Allocates a zeroed cache.
     *
     * @throws KvCacheAllocationException if {@code contextSize} is outside 1..{@code config.contextLength()} or the
     *                                    memory cannot be allocated
     */
    static KvSequence allocate(LlamaConfig config, int contextSize, KvCacheType type) {
        long bytes = KvCache.bytesNeeded(config, contextSize, type);
        if (contextSize < 1 || contextSize > config.contextLength()) {
            throw new KvCacheAllocationException(contextSize, bytes,
                    "context must be between 1 and the model's " + config.contextLength() + " tokens");
        }
        Arena arena = Arena.ofShared();
        try {
            return new KvSequence(config, type, contextSize, arena, arena.allocate(bytes, 64));
        } catch (OutOfMemoryError | IllegalArgumentException e) {
            arena.close();
            throw new KvCacheAllocationException(contextSize, bytes, "cannot allocate (" + e.getMessage()
                    + "); use a smaller context, the F16 cache type, or raise -XX:MaxDirectMemorySize");
        }
    }

    /** Positions this cache holds. */
    public int contextSize() {
        return contextSize;
    }

    /** Element type. */
    public KvCacheType type() {
        return type;
    }

    /** Bytes allocated. */
    public long byteSize() {
        return memory.byteSize();
    }

    /** Stores the keys and values of all kv heads of one position ({@code kvDim} floats each). */
    void store(int layer, int position, float[] keys, int keyOffset, float[] values, int valueOffset) {
        int headDim = config.headDim();
        for (int h = 0; h < config.kvHeads(); h++) {
            AttentionKernel.store(memory, half(), keyBase(layer, h) + rowBytes() * position, keys,
                    keyOffset + h * headDim, headDim);
            AttentionKernel.store(memory, half(), valueBase(layer, h) + rowBytes() * position, values,
                    valueOffset + h * headDim, headDim);
        }
    }

    /** Scaled scores of query {@code q[qOffset..]} against keys 0..positions-1 of one kv head. */
    void scores(int layer, int kvHead, float[] q, int qOffset, int positions, float scale, float[] out) {
        AttentionKernel.scores(memory, half(), keyBase(layer, kvHead), q, qOffset, config.headDim(), positions, scale,
                out);
    }

    /** Weighted sum of values 0..positions-1 of one kv head into {@code out[outOffset..]}. */
    void weightedValues(int layer, int kvHead, float[] weights, int positions, float[] out, int outOffset) {
        AttentionKernel.weightedSum(memory, half(), valueBase(layer, kvHead), weights, positions, out, outOffset,
                config.headDim());
    }

    /** Frees the memory. Idempotent. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    private boolean half() {
        return type == KvCacheType.F16;
    }

    private long rowBytes() {
        return (long) config.headDim() * type.bytes();
    }

    private long keyBase(int layer, int kvHead) {
        return layer * layerBytes + kvHead * headBytes;
    }

    private long valueBase(int layer, int kvHead) {
        return layer * layerBytes + (config.kvHeads() + kvHead) * headBytes;
    }
}
