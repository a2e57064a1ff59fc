package io.lariat.agent.backend;

/**
 * How an {@link EmbeddedBackend} shares its model.
 *
 * @param contextSize       tokens of each session's KV cache (capped at the model's trained context)
 * @param maxActive         generations interleaved at once by the scheduler
 * @param queueCapacity     generations allowed to wait for a slot before requests fail as overloaded
 * @param maxResidentCaches KV caches kept in memory; the least recently used idle one is freed beyond that
 * @param prefillChunk      prompt tokens evaluated per batched step while other generations are decoding, so a long
 *                          prompt is prefilled between their tokens instead of freezing them; at least 1
 */
public record EmbeddedSettings(int contextSize, int maxActive, int queueCapacity, int maxResidentCaches,
                               int prefillChunk) {

    /** Checks the ranges. */
    public EmbeddedSettings {
        if (contextSize < 1 || maxActive < 1 || queueCapacity < 0 || maxResidentCaches < maxActive
                || prefillChunk < 1) {
            throw new IllegalArgumentException("invalid embedded settings: context " + contextSize + ", active "
                    + maxActive + ", queue " + queueCapacity + ", caches " + maxResidentCaches + ", prefill chunk "
                    + prefillChunk + " (caches must be at least active, the chunk at least 1)");
        }
    }
}
