package io.lariat.engine.model;

import io.lariat.engine.kernels.Kernels;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The keys and values of one token sequence: a table of {@link KvCache} blocks covering positions
 * {@code 0 .. length()}, up to {@link #contextSize()} positions.
 *
 * <p>Positions are written in two phases so that a forward pass that fails half way leaves nothing behind:
 * {@link #reserve} before the pass (it cuts the sequence back to the start position and makes the blocks to be
 * written private, copying a shared one), {@link #commit} after it (the tokens count from then on, and blocks that
 * became full are sealed into the cache's prefix index). {@link #adoptPrefix} takes the longest prefix of a token
 * list that the cache already holds. A sequence only ever reads its own blocks, and a shared block only holds the
 * tokens both sequences have in common. Owned by one thread at a time; {@link #close()} gives the blocks back.
 */
public final class KvSequence implements AutoCloseable {
    private static final int B = KvCache.BLOCK_TOKENS;

    private final KvCache cache;
    private final LlamaConfig config;
    private final int contextSize;
    private KvBlock[] blocks = new KvBlock[4];
    private int blockCount;
    private int[] tokens = new int[64];
    private int length;
    private int pendingFrom = -1;
    private int pendingCount;
    private boolean closed;

    KvSequence(KvCache cache, LlamaConfig config, int contextSize) {
        this.cache = cache;
        this.config = config;
        this.contextSize = contextSize;
    }

    /** Positions this sequence can hold. */
    public int contextSize() {
        return contextSize;
    }

    /** Positions whose keys and values are stored and committed. */
    public int length() {
        return length;
    }

    /** The committed tokens, in order. */
    public int[] tokens() {
        return Arrays.copyOf(tokens, length);
    }

    /** Blocks this sequence holds. */
    public int blocksHeld() {
        return blockCount;
    }

    /** Bytes of the blocks this sequence holds (shared blocks included). */
    public long byteSize() {
        return blockCount * cache.blockBytes();
    }

    /** Element type. */
    public KvCacheType type() {
        return cache.type();
    }

    /**
     * Forgets every position from {@code newLength} on, giving back the blocks no longer needed.
     *
     * @throws IllegalArgumentException if {@code newLength} is negative or beyond {@link #length()}
     */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate " + length + " positions to " + newLength);
        }
        length = newLength;
        pendingFrom = -1;
        int keep = (newLength + B - 1) / B;
        while (blockCount > keep) {
            cache.release(blocks[--blockCount]);
            blocks[blockCount] = null;
        }
    }

    /**
     * Extends this sequence with the longest run of {@code ids} (from position {@link #length()}, which must agree
     * with {@code ids} so far) that the cache holds, up to {@code limit} positions: whole blocks are shared, and the
     * first block that only partly agrees is copied (its agreeing positions count). Returns the new length.
     */
    public int adoptPrefix(int[] ids, int limit) {
        limit = Math.min(Math.min(limit, ids.length), contextSize);
        while (length < limit) {
            int block = length / B;
            long parent = block == 0 ? KvCache.ROOT_HASH : blocks[block - 1].hash;
            KvCache.Match match = cache.match(parent, ids, block * B, Math.min(B, limit - block * B));
            if (match == null || match.count() <= length - block * B) {
                if (match != null) {
                    cache.release(match.block());
                }
                break;
            }
            if (match.whole()) {
                truncate(block * B);
                push(match.block());
            } else {
                copyInto(block, match.block());
                cache.release(match.block());
            }
            remember(ids, length, block * B + match.count() - length);
            length = block * B + match.count();
            if (!match.whole()) {
                break;
            }
        }
        return length;
    }

    /**
     * Prepares positions {@code startPos .. startPos + count} for {@code ids[offset ..]}: cuts the sequence back to
     * {@code startPos} and makes the blocks they fall in private. {@link #commit} makes them count.
     *
     * @throws IllegalArgumentException if {@code startPos} is beyond {@link #length()} or the positions exceed the
     *                                  context
     * @throws KvCacheAllocationException if the memory budget has no block left
     */
    public void reserve(int[] ids, int offset, int count, int startPos) {
        if (startPos < 0 || startPos > length || count < 1 || startPos + count > contextSize) {
            throw new IllegalArgumentException("cannot write " + count + " positions at " + startPos
                    + " (sequence of " + length + ", context " + contextSize + ")");
        }
        truncate(startPos);
        for (int block = startPos / B; block <= (startPos + count - 1) / B; block++) {
            if (block == blockCount) {
                push(cache.allocate());
            } else if (blocks[block].sealed) {
                copyInto(block, blocks[block]);
            }
        }
        remember(ids, offset, count);
        pendingFrom = startPos;
        pendingCount = count;
    }

    /** Makes the positions of the last {@link #reserve} count and seals the blocks that became full. */
    public void commit() {
        if (pendingFrom < 0) {
            throw new IllegalStateException("nothing reserved to commit");
        }
        length = pendingFrom + pendingCount;
        for (int block = pendingFrom / B; block < length / B; block++) {
            long parent = block == 0 ? KvCache.ROOT_HASH : blocks[block - 1].hash;
            blocks[block] = cache.seal(blocks[block], parent, Arrays.copyOfRange(tokens, block * B, block * B + B));
        }
        pendingFrom = -1;
    }

    /**
     * Writes positions {@code 0 .. length} (a fixed prefix such as an agent's system prompt and tools) to the
     * cache's disk store, unless it holds them already or the cache has no store. Returns whether a file was written.
     *
     * @throws IllegalArgumentException if {@code length} is beyond {@link #length()} or below 1
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public boolean persistPrefix(int length) {
        if (length < 1 || length > this.length) {
            throw new IllegalArgumentException("cannot keep a prefix of " + length + " of " + this.length
                    + " positions");
        }
        KvPrefixStore store = cache.store();
        try {
            return store != null && store.write(cache, blocks, tokens, length);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the prefix cache in " + store.folder() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Gives every block back. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            truncate(0);
        }
    }

    /** Stores the keys and values of all kv heads of one reserved position ({@code kvDim} floats each). */
    void store(int layer, int position, float[] keys, int keyOffset, float[] values, int valueOffset) {
        int headDim = config.headDim();
        for (int h = 0; h < config.kvHeads(); h++) {
            storeHead(layer, position, h, keys, keyOffset + h * headDim, values, valueOffset + h * headDim);
        }
    }

    /**
     * Stores the key and value of kv head {@code head} at one reserved position ({@code headDim} floats each);
     * threads may store different heads at once.
     */
    void storeHead(int layer, int position, int head, float[] keys, int keyOffset, float[] values, int valueOffset) {
        MemorySegment memory = blocks[position / B].memory;
        int within = position % B;
        int headDim = config.headDim();
        boolean half = cache.type() == KvCacheType.F16;
        int bytes = cache.type().bytes();
        Kernels.storeColumn(memory, half, cache.keyOffset(layer, head) + (long) within * bytes, B, keys, keyOffset,
                headDim);
        Kernels.store(memory, half, cache.valueOffset(layer, head) + (long) within * headDim * bytes, values,
                valueOffset, headDim);
    }

    /** The memory of the block holding positions {@code block * BLOCK_TOKENS ..}. */
    MemorySegment block(int block) {
        return blocks[block].memory;
    }

    /** The cache this sequence's blocks come from (for the layout offsets). */
    KvCache cache() {
        return cache;
    }

    // copy on write: entry `block` of the table becomes a private copy of `source`; the entry it replaces is released
    private void copyInto(int block, KvBlock source) {
        KvBlock target = cache.allocate();
        cache.copy(source, target);
        if (block < blockCount) {
            cache.release(blocks[block]);
            blocks[block] = target;
        } else {
            push(target);
        }
    }

    private void push(KvBlock block) {
        if (blockCount == blocks.length) {
            blocks = Arrays.copyOf(blocks, 2 * blocks.length);
        }
        blocks[blockCount++] = block;
    }

    private void remember(int[] source, int from, int count) {
        int at = length;
        if (at + count > tokens.length) {
            tokens = Arrays.copyOf(tokens, Math.max(2 * tokens.length, at + count));
        }
        System.arraycopy(source, from, tokens, at, count);
    }
}
