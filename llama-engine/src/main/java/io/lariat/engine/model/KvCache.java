package io.lariat.engine.model;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The key/value memory of one model, shared by every sequence: fixed-size blocks of {@link #BLOCK_TOKENS}
 * positions, handed out to {@link KvSequence}s, and a prefix index through which sequences that start with the same
 * tokens share the blocks of that prefix.
 *
 * <p>A block whose positions are all written is sealed: it is indexed under the chained hash of every token before
 * it, together with its own tokens, and is never written again; a sequence that needs to write into a sealed block
 * copies it first (copy on write). A sealed block no sequence holds stays cached, least recently used first, until
 * its memory is needed for another block; unsealed blocks return to the free list when released. The cache never
 * holds more than {@code budgetBytes} of blocks. Thread-safe; {@link #close()} frees the memory (close the
 * sequences first).
 */
public final class KvCache implements AutoCloseable {
    /** Positions per block. */
    public static final int BLOCK_TOKENS = 32;
    /** The hash chained before the first block of every sequence. */
    static final long ROOT_HASH = 0x4c617269614b5631L;

    private final LlamaConfig config;
    private final KvCacheType type;
    private final long blockBytes;
    private final long budgetBytes;
    private final int maxBlocks;
    private final Arena arena = Arena.ofShared();
    private final ArrayDeque<KvBlock> free = new ArrayDeque<>();
    private final LinkedHashSet<KvBlock> idle = new LinkedHashSet<>();
    private final Map<Long, List<KvBlock>> index = new HashMap<>();
    private int allocated;
    private volatile KvPrefixStore store;
    private volatile Reclaimer reclaimer;

    private KvCache(LlamaConfig config, KvCacheType type, long budgetBytes) {
        this.config = config;
        this.type = type;
        this.blockBytes = 2L * config.layers() * BLOCK_TOKENS * config.kvDim() * type.bytes();
        this.budgetBytes = budgetBytes;
        this.maxBlocks = (int) Math.min(Integer.MAX_VALUE, budgetBytes / blockBytes);
    }

    /**
     * A cache for sequences of {@code config}'s model, stored as {@code type}, holding at most {@code budgetBytes}
     * of blocks (allocated as needed).
     */
    public static KvCache create(LlamaConfig config, KvCacheType type, long budgetBytes) {
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("KV memory budget must be positive, got " + budgetBytes);
        }
        return new KvCache(config, type, budgetBytes);
    }

    /**
     * A memory budget sized from this machine: half the physical memory free now, at most three quarters of the
     * JVM's direct-memory limit (off-heap blocks count against it), and at least 64 MiB.
     */
    public static long defaultBudget() {
        long free = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getFreeMemorySize();
        return Math.max(64L << 20, Math.min(free / 2, directMemoryLimit() / 4 * 3));
    }

    /**
     * A new empty sequence of up to {@code contextSize} positions; it takes blocks as it grows.
     *
     * @throws KvCacheAllocationException if {@code contextSize} is outside 1..{@code config.contextLength()}
     */
    public KvSequence newSequence(int contextSize) {
        if (contextSize < 1 || contextSize > config.contextLength()) {
            throw new KvCacheAllocationException(contextSize, bytesNeeded(config, contextSize, type),
                    "context must be between 1 and the model's " + config.contextLength() + " tokens");
        }
        return new KvSequence(this, config, contextSize);
    }

    /** Element type. */
    public KvCacheType type() {
        return type;
    }

    /** Bytes of one block. */
    public long blockBytes() {
        return blockBytes;
    }

    /** The memory budget, in bytes. */
    public long budgetBytes() {
        return budgetBytes;
    }

    /** How many blocks are allocated, held, cached and free now. */
    public synchronized KvCacheStats stats() {
        return new KvCacheStats(allocated, allocated - free.size() - idle.size(), idle.size(), free.size(),
                blockBytes, budgetBytes);
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

    /** The hash of {@code count} ids from {@code from}, chained after {@code parent}. Stable across runs. */
    static long chain(long parent, int[] ids, int from, int count) {
        long h = parent;
        for (int i = from; i < from + count; i++) {
            h = mix(h ^ (ids[i] * 0x9E3779B97F4A7C15L));
        }
        return mix(h + count);
    }

    /**
     * Gives back the blocks of sequences nobody is using right now (the idle sessions of a server), one sequence per
     * call, least recently used first; returns false when there is none. Called, outside this cache's lock, when the
     * budget is full and no unheld block is left: idle sessions lose their blocks before any request is refused.
     */
    @FunctionalInterface
    public interface Reclaimer {
        /** Closes one idle sequence; false when none is idle. */
        boolean releaseIdleSequence();
    }

    /** Who gives back idle sequences when the budget is full ({@code null}: nobody, the allocation fails). */
    public void reclaimer(Reclaimer value) {
        reclaimer = value;
    }

    /**
     * A private writable block held once: a free one, a new one within the budget, the least recently used unheld
     * cached one, or, when every block is held, one freed by the {@link Reclaimer} closing idle sequences.
     *
     * @throws KvCacheAllocationException when every block is held by sequences in use
     */
    KvBlock allocate() {
        while (true) {
            synchronized (this) {
                KvBlock block = tryAllocate();
                if (block != null) {
                    return block;
                }
            }
            Reclaimer r = reclaimer;
            if (r == null || Thread.holdsLock(this) || !r.releaseIdleSequence()) {
                synchronized (this) {
                    KvBlock block = tryAllocate();
                    if (block != null) {
                        return block;
                    }
                    throw new KvCacheAllocationException(BLOCK_TOKENS, blockBytes, "the KV memory budget of "
                            + describeBytes(budgetBytes) + " is full (" + allocated + " blocks, all held by running "
                            + "sequences); raise lariat.kv.memory or run fewer sequences at once");
                }
            }
        }
    }

    private KvBlock tryAllocate() {
        KvBlock block = free.poll();
        if (block == null && allocated < maxBlocks) {
            block = new KvBlock(arena.allocate(blockBytes, 64));
            allocated++;
        }
        if (block == null && !idle.isEmpty()) {
            block = evictIdle();
        }
        if (block != null) {
            block.refs = 1;
        }
        return block;
    }

    /** One more holder of {@code block}. */
    synchronized void retain(KvBlock block) {
        if (block.refs++ == 0) {
            idle.remove(block);
        }
    }

    /** One holder fewer: an unheld sealed block stays cached, an unheld private one is freed. */
    synchronized void release(KvBlock block) {
        if (--block.refs > 0) {
            return;
        }
        if (block.sealed) {
            idle.add(block);
        } else {
            free.push(block);
        }
    }

    /**
     * Seals the full block {@code block} holding {@code tokens}, or, when an equal block is already sealed, gives
     * the caller that one instead (retained) and releases {@code block}. Returns the block the caller now holds.
     */
    synchronized KvBlock seal(KvBlock block, long parentHash, int[] tokens) {
        KvBlock twin = find(parentHash, tokens, tokens.length);
        if (twin != null) {
            retain(twin);
            release(block);
            return twin;
        }
        block.sealed = true;
        block.parentHash = parentHash;
        block.tokens = tokens;
        block.hash = chain(parentHash, tokens, 0, tokens.length);
        index.computeIfAbsent(parentHash, k -> new ArrayList<>(2)).add(block);
        return block;
    }

    /**
     * The sealed block after {@code parentHash} whose tokens agree longest with {@code ids[from .. from + max)},
     * retained for the caller, with that agreement; null when no block agrees on the first id.
     */
    synchronized Match match(long parentHash, int[] ids, int from, int max) {
        List<KvBlock> children = index.get(parentHash);
        if (children == null) {
            return null;
        }
        KvBlock best = null;
        int bestCount = 0;
        for (KvBlock child : children) {
            int n = Math.min(max, child.tokens.length);
            int i = 0;
            while (i < n && child.tokens[i] == ids[from + i]) {
                i++;
            }
            if (i > bestCount) {
                best = child;
                bestCount = i;
            }
        }
        if (best == null) {
            return null;
        }
        retain(best);
        return new Match(best, bestCount);
    }

    /** A sealed block and how many of its leading tokens agree with the ids asked for. */
    record Match(KvBlock block, int count) {
        /** True when the whole block agrees, so it can be shared as it is. */
        boolean whole() {
            return count == BLOCK_TOKENS;
        }
    }

    /** Copies every position of {@code from} into {@code to}. */
    void copy(KvBlock from, KvBlock to) {
        MemorySegment.copy(from.memory, 0, to.memory, 0, blockBytes);
    }

    /** Byte offset in a block of the keys of {@code kvHead} in {@code layer} ({@code [headDim][position]}). */
    long keyOffset(int layer, int kvHead) {
        return ((long) (2 * layer) * config.kvHeads() + kvHead) * headBytes();
    }

    /** Byte offset in a block of the values of {@code kvHead} in {@code layer} ({@code [position][headDim]}). */
    long valueOffset(int layer, int kvHead) {
        return ((long) (2 * layer + 1) * config.kvHeads() + kvHead) * headBytes();
    }

    /**
     * Keeps fixed prefixes in {@code store} from now on, after reading the blocks of the prefixes already there;
     * returns the files that were ignored.
     */
    public List<KvPrefixStore.Rejected> attach(KvPrefixStore store) {
        List<KvPrefixStore.Rejected> rejected = store.loadInto(this);
        this.store = store;
        return rejected;
    }

    /** The disk store of fixed prefixes, or null when prefixes are not kept on disk. */
    public KvPrefixStore store() {
        return store;
    }

    /** {layers, kv heads, head width}: what a block's layout depends on besides its size and element type. */
    int[] geometry() {
        return new int[] {config.layers(), config.kvHeads(), config.headDim()};
    }

    /** Zeroes positions {@code from ..} of a block's copy (every layer and head, keys and values). */
    void clearFrom(MemorySegment block, int from) {
        long bytes = type.bytes();
        for (int layer = 0; layer < config.layers(); layer++) {
            for (int h = 0; h < config.kvHeads(); h++) {
                for (int d = 0; d < config.headDim(); d++) {
                    block.asSlice(keyOffset(layer, h) + ((long) d * BLOCK_TOKENS + from) * bytes,
                            (BLOCK_TOKENS - from) * bytes).fill((byte) 0);
                }
                block.asSlice(valueOffset(layer, h) + (long) from * config.headDim() * bytes,
                        (long) (BLOCK_TOKENS - from) * config.headDim() * bytes).fill((byte) 0);
            }
        }
    }

    /**
     * Adds the blocks of a prefix read from disk as unheld sealed blocks: {@code ids} and, one block after the other,
     * their memory in {@code data}. Blocks already indexed are skipped.
     */
    void insert(int[] ids, MemorySegment data) {
        long parent = ROOT_HASH;
        for (int i = 0; i * BLOCK_TOKENS < ids.length; i++) {
            int[] tokens = java.util.Arrays.copyOfRange(ids, i * BLOCK_TOKENS,
                    Math.min(ids.length, (i + 1) * BLOCK_TOKENS));
            synchronized (this) {
                if (find(parent, tokens, tokens.length) == null) {
                    KvBlock block = allocate();
                    MemorySegment.copy(data, i * blockBytes, block.memory, 0, blockBytes);
                    release(seal(block, parent, tokens));
                }
            }
            parent = chain(parent, tokens, 0, tokens.length);
        }
    }

    /** Frees every block. */
    @Override
    public void close() {
        synchronized (this) {
            free.clear();
            idle.clear();
            index.clear();
        }
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    private long headBytes() {
        return (long) BLOCK_TOKENS * config.headDim() * type.bytes();
    }

    private KvBlock find(long parentHash, int[] tokens, int count) {
        for (KvBlock child : index.getOrDefault(parentHash, List.of())) {
            if (child.tokens.length == count && java.util.Arrays.equals(child.tokens, 0, count, tokens, 0, count)) {
                return child;
            }
        }
        return null;
    }

    private KvBlock evictIdle() {
        Iterator<KvBlock> oldest = idle.iterator();
        KvBlock block = oldest.next();
        oldest.remove();
        List<KvBlock> siblings = index.get(block.parentHash);
        siblings.remove(block);
        if (siblings.isEmpty()) {
            index.remove(block.parentHash);
        }
        block.sealed = false;
        block.tokens = null;
        return block;
    }

    private static long directMemoryLimit() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            long value = Long.parseLong(bean.getVMOption("MaxDirectMemorySize").getValue());
            return value > 0 ? value : Runtime.getRuntime().maxMemory();
        } catch (RuntimeException e) {
            return Runtime.getRuntime().maxMemory();
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb53fe9a7b6d3L;
        return z ^ (z >>> 33);
    }
}
