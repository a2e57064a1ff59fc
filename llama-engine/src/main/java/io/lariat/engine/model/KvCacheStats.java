package io.lariat.engine.model;

/**
 * A snapshot of a {@link KvCache}'s blocks.
 *
 * @param allocated blocks whose memory is allocated
 * @param held      blocks some sequence holds
 * @param cached    sealed blocks no sequence holds, kept for prefix reuse until their memory is needed
 * @param free      allocated blocks holding nothing
 * @param blockBytes bytes per block
 * @param budgetBytes the most memory the cache allocates
 */
public record KvCacheStats(int allocated, int held, int cached, int free, long blockBytes, long budgetBytes) {
}
