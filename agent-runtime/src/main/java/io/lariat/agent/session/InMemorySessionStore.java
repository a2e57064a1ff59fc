package io.lariat.agent.session;

import io.lariat.agent.OverloadedException;
import io.lariat.agent.Session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The default store: sessions in memory, dropped after an idle period or when the cap is reached.
 *
 * <p>Expired sessions are removed on every access and by {@link #evictExpired()} (which a timer may call). Opening
 * a session beyond {@code maxSessions} evicts the least recently used idle one; a running session is never evicted
 * and never expires mid-run. Evicted sessions are closed outside the store's lock. Thread-safe.
 */
public final class InMemorySessionStore implements SessionStore {
    private final Duration idleTimeout;
    private final int maxSessions;
    private final Clock clock;
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param idleTimeout a session unused for this long is removed; positive
     * @param maxSessions sessions held at most; at least 1
     * @param clock       the time source (a fixed or test clock in tests)
     */
    public InMemorySessionStore(Duration idleTimeout, int maxSessions, Clock clock) {
        if (!idleTimeout.isPositive() || maxSessions < 1) {
            throw new IllegalArgumentException("idleTimeout must be positive and maxSessions at least 1");
        }
        this.idleTimeout = idleTimeout;
        this.maxSessions = maxSessions;
        this.clock = clock;
    }

    @Override
    public Optional<Session> find(String id) {
        List<Session> dropped = new ArrayList<>();
        Session session;
        synchronized (this) {
            collectExpired(dropped);
            session = sessions.get(id);
            if (session != null) {
                session.touch(clock.instant());
            }
        }
        dropped.forEach(Session::close);
        return Optional.ofNullable(session);
    }

    @Override
    public Session getOrCreate(String id) {
        List<Session> dropped = new ArrayList<>();
        Session session;
        synchronized (this) {
            collectExpired(dropped);
            Instant now = clock.instant();
            session = sessions.get(id);
            if (session == null) {
                if (sessions.size() >= maxSessions) {
                    dropped.add(evictLeastRecentlyUsed());
                }
                session = new Session(id, now);
                sessions.put(id, session);
            }
            session.touch(now);
        }
        dropped.forEach(Session::close);
        return session;
    }

    @Override
    public Session create() {
        return getOrCreate(UUID.randomUUID().toString());
    }

    @Override
    public void remove(String id) {
        Session session;
        synchronized (this) {
            session = sessions.remove(id);
        }
        if (session != null) {
            session.close();
        }
    }

    @Override
    public synchronized int size() {
        return sessions.size();
    }

    /**
     * Removes and closes every session idle for longer than the timeout.
     *
     * @return how many were removed
     */
    public int evictExpired() {
        List<Session> dropped = new ArrayList<>();
        synchronized (this) {
            collectExpired(dropped);
        }
        dropped.forEach(Session::close);
        return dropped.size();
    }

    @Override
    public void close() {
        List<Session> all;
        synchronized (this) {
            all = List.copyOf(sessions.values());
            sessions.clear();
        }
        all.forEach(Session::close);
    }

    private void collectExpired(List<Session> dropped) {
        Instant deadline = clock.instant().minus(idleTimeout);
        Iterator<Map.Entry<String, Session>> it = sessions.entrySet().iterator();
        while (it.hasNext()) {
            Session s = it.next().getValue();
            if (!s.running() && s.lastUsed().isBefore(deadline)) {
                it.remove();
                dropped.add(s);
            }
        }
    }

    private Session evictLeastRecentlyUsed() {
        Iterator<Session> it = sessions.values().iterator();
        while (it.hasNext()) {
            Session s = it.next();
            if (!s.running()) {
                it.remove();
                return s;
            }
        }
        throw OverloadedException.sessionsFull(maxSessions);
    }
}
