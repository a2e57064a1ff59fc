package io.lariat.agent.session;

import io.lariat.agent.OverloadedException;
import io.lariat.agent.Session;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemorySessionStoreTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void sameIdReturnsTheSameSession() {
        try (InMemorySessionStore store = new InMemorySessionStore(Duration.ofMinutes(5), 4, clock)) {
            Session a = store.getOrCreate("a");
            assertSame(a, store.getOrCreate("a"));
            assertEquals(Optional.of(a), store.find("a"));
            assertEquals(Optional.empty(), store.find("b"));
        }
    }

    @Test
    void idleSessionExpiresAndIsClosedWithItsHooks() {
        try (InMemorySessionStore store = new InMemorySessionStore(Duration.ofMinutes(5), 4, clock)) {
            Session a = store.getOrCreate("a");
            AtomicInteger released = new AtomicInteger();
            a.onClose("cache", released::incrementAndGet);
            a.onClose("cache", released::incrementAndGet);
            clock.now = clock.now.plus(Duration.ofMinutes(4));
            assertEquals(0, store.evictExpired());
            clock.now = clock.now.plus(Duration.ofMinutes(2));
            assertEquals(1, store.evictExpired());
            assertTrue(a.closed());
            assertEquals(1, released.get());
            assertEquals(Optional.empty(), store.find("a"));
        }
    }

    @Test
    void useRestartsTheIdlePeriod() {
        try (InMemorySessionStore store = new InMemorySessionStore(Duration.ofMinutes(5), 4, clock)) {
            store.getOrCreate("a");
            clock.now = clock.now.plus(Duration.ofMinutes(4));
            store.find("a");
            clock.now = clock.now.plus(Duration.ofMinutes(4));
            assertEquals(0, store.evictExpired());
        }
    }

    @Test
    void runningSessionNeverExpires() {
        try (InMemorySessionStore store = new InMemorySessionStore(Duration.ofMinutes(5), 4, clock)) {
            Session a = store.getOrCreate("a");
            assertTrue(a.tryBeginRun());
            clock.now = clock.now.plus(Duration.ofHours(1));
            assertEquals(0, store.evictExpired());
            a.endRun();
            assertEquals(1, store.evictExpired());
        }
    }

    @Test
    void capEvictsTheLeastRecentlyUsedIdleSession() {
        try (InMemorySessionStore store = new InMemorySessionStore(Duration.ofMinutes(5), 2, clock)) {
            Session a = store.getOrCreate("a");
            Session b = store.getOrCreate("b");
            store.find("a");
            store.getOrCreate("c");
            assertTrue(b.closed());
            assertFalse(a.closed());
            assertEquals(2, store.size());
        }
    }

    @Test
    void capFullOfRunningSessionsIsOverloaded() {
        try (InMemorySessionStore store = new InMemorySessionStore(Duration.ofMinutes(5), 1, clock)) {
            assertTrue(store.getOrCreate("a").tryBeginRun());
            OverloadedException ex = assertThrows(OverloadedException.class, () -> store.getOrCreate("b"));
            assertEquals("all 1 sessions are running; none can be evicted for a new one", ex.getMessage());
        }
    }

    @Test
    void closedSessionCannotRun() {
        Session s = new Session("x", clock.now);
        s.close();
        assertFalse(s.tryBeginRun());
    }
}
