package io.lariat.agent.session;

import io.lariat.agent.Session;

import java.util.Optional;

/**
 * Keeps sessions by id; implement it to persist conversations elsewhere.
 *
 * <p>A store owns its sessions: when it drops one (expiry, capacity, {@link #remove}) it closes it, which releases
 * the session's tool state and KV cache. Implementations are thread-safe.
 */
public interface SessionStore extends AutoCloseable {

    /** The session with this id, if the store holds it; marks it used. */
    Optional<Session> find(String id);

    /**
     * The session with this id, created empty when absent; marks it used.
     *
     * @throws io.lariat.agent.OverloadedException when the store is full of sessions that are running
     */
    Session getOrCreate(String id);

    /** A new empty session with a fresh random id. */
    Session create();

    /** Drops and closes the session, if held. */
    void remove(String id);

    /** Sessions held. */
    int size();

    /** Closes every session. */
    @Override
    void close();
}
