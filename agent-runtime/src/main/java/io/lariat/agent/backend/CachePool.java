package io.lariat.agent.backend;

import io.lariat.engine.EngineSession;
import io.lariat.engine.LlamaEngine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The KV caches (engine sessions) of an {@link EmbeddedBackend}, one per conversation, at most {@code maxResident}.
 *
 * <p>A cache is acquired by the turn that uses it and given back after; only idle caches are freed, least recently
 * used first, both beyond {@code maxResident} caches and when the engine's KV memory budget is full. A conversation
 * whose cache was freed gets a new empty one and is rebuilt by re-prefill. Since only running turns hold caches and
 * at most {@code maxActive <= maxResident} run at once, the cap holds. Thread-safe.
 */
final class CachePool {
    private final LlamaEngine engine;
    private final int contextSize;
    private final int maxResident;
    private final LinkedHashMap<String, EngineSession> caches = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<String> inUse = new HashSet<>();
    private final Set<String> releaseAfterUse = new HashSet<>();

    CachePool(LlamaEngine engine, int contextSize, int maxResident) {
        this.engine = engine;
        this.contextSize = contextSize;
        this.maxResident = maxResident;
        engine.kvCache().reclaimer(this::releaseLeastRecentIdle);
    }

    /**
     * Frees the least recently used cache no turn is using; false when every cache is in use. The engine's KV cache
     * calls it when its memory budget is full, so idle conversations lose their blocks (and are rebuilt by
     * re-prefill when they come back) before a running turn is refused memory.
     */
    boolean releaseLeastRecentIdle() {
        EngineSession session = null;
        synchronized (this) {
            Iterator<Map.Entry<String, EngineSession>> it = caches.entrySet().iterator();
            while (session == null && it.hasNext()) {
                Map.Entry<String, EngineSession> e = it.next();
                if (!inUse.contains(e.getKey())) {
                    it.remove();
                    session = e.getValue();
                }
            }
        }
        if (session == null) {
            return false;
        }
        session.close();
        return true;
    }

    /** The conversation's cache, created empty when absent; it must be given back. */
    EngineSession acquire(String sessionId) {
        List<EngineSession> evicted = new ArrayList<>();
        EngineSession session;
        synchronized (this) {
            if (!inUse.add(sessionId)) {
                throw new IllegalStateException("session " + sessionId + " is already generating");
            }
            session = caches.get(sessionId);
            if (session == null) {
                evictIdle(evicted);
                session = engine.newSession(contextSize);
                caches.put(sessionId, session);
            }
        }
        evicted.forEach(EngineSession::close);
        return session;
    }

    /** Ends a use; frees the cache if it was released meanwhile. */
    void giveBack(String sessionId) {
        boolean release;
        synchronized (this) {
            inUse.remove(sessionId);
            release = releaseAfterUse.remove(sessionId);
        }
        if (release) {
            release(sessionId);
        }
    }

    /** Frees the conversation's cache now, or after its running turn. */
    void release(String sessionId) {
        EngineSession session;
        synchronized (this) {
            if (inUse.contains(sessionId)) {
                releaseAfterUse.add(sessionId);
                return;
            }
            session = caches.remove(sessionId);
        }
        if (session != null) {
            session.close();
        }
    }

    /** Caches held. */
    synchronized int size() {
        return caches.size();
    }

    /** Frees every cache. */
    void close() {
        List<EngineSession> all;
        synchronized (this) {
            all = List.copyOf(caches.values());
            caches.clear();
        }
        all.forEach(EngineSession::close);
    }

    private void evictIdle(List<EngineSession> evicted) {
        Iterator<Map.Entry<String, EngineSession>> it = caches.entrySet().iterator();
        while (caches.size() >= maxResident && it.hasNext()) {
            Map.Entry<String, EngineSession> e = it.next();
            if (!inUse.contains(e.getKey())) {
                it.remove();
                evicted.add(e.getValue());
            }
        }
    }
}
