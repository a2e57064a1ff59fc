package io.lariat.engine.model;

import java.lang.foreign.MemorySegment;

/**
 * {@link KvCache#BLOCK_TOKENS} positions of keys and values, every layer, in one off-heap segment.
 *
 * <p>Layout: for each layer, the keys of every kv head, then the values of every kv head; one head's keys are stored
 * dimension-major ({@code [headDim][position]}) so that a score vector covers consecutive positions, its values
 * position-major ({@code [position][headDim]}). A block is either private to one sequence and writable, or sealed:
 * its {@link #tokens} are final, it is listed in its {@link KvCache}'s prefix index and is never written again
 * (a sequence that must write into it copies it first). The fields are guarded by the owning {@link KvCache}.
 */
final class KvBlock {
    final MemorySegment memory;
    /** Sequences holding this block. */
    int refs;
    /** True once the block's contents are final and indexed. */
    boolean sealed;
    /** Chained hash of every token before this block; the index key. */
    long parentHash;
    /** Chained hash through this block's tokens; meaningful once it holds a full block's tokens. */
    long hash;
    /** The tokens of a sealed block (a whole block, or fewer for the tail of a prefix read from disk). */
    int[] tokens;

    KvBlock(MemorySegment memory) {
        this.memory = memory;
    }
}
