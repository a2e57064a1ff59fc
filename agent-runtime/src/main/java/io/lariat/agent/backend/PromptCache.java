package io.lariat.agent.backend;

import io.lariat.engine.TokenIds;

import java.util.HashMap;
import java.util.Map;

/**
 * The ids each session's cache holds, to count how much of a new prompt is reused; what a KV cache does, as data.
 * Thread-safe.
 */
final class PromptCache {
    private final Map<String, int[]> cached = new HashMap<>();

    /** Length of the longest common prefix of the session's cached ids and {@code prompt}. */
    synchronized int reusable(String sessionId, int[] prompt) {
        return TokenIds.commonPrefix(cached.getOrDefault(sessionId, new int[0]), prompt);
    }

    /** Records what the session's cache now holds. */
    synchronized void store(String sessionId, int[] ids) {
        cached.put(sessionId, ids.clone());
    }

    /** Forgets the session. */
    synchronized void remove(String sessionId) {
        cached.remove(sessionId);
    }
}
