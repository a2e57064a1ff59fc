package io.lariat.agent.backend;

import io.lariat.agent.OverloadedException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecodeSchedulerTest {

    /** A task of a fixed number of steps that records each step in a shared log. */
    private static final class CountingTask implements DecodeTask {
        final String name;
        final int steps;
        final List<String> log;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        final CountDownLatch started = new CountDownLatch(1);
        volatile CountDownLatch gate;
        int done;

        CountingTask(String name, int steps, List<String> log) {
            this.name = name;
            this.steps = steps;
            this.log = log;
        }

        @Override
        public boolean step() {
            started.countDown();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            log.add(name);
            return ++done == steps;
        }

        @Override
        public void finished(Outcome o, Throwable failure) {
            outcome.complete(o);
        }
    }

    @Test
    void activeTasksAreSteppedRoundRobin() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (DecodeScheduler scheduler = new DecodeScheduler("m", 3, 0)) {
            CountingTask blocker = new CountingTask("x", 1, log);
            blocker.gate = new CountDownLatch(1);
            scheduler.submit(blocker);
            blocker.started.await();
            CountingTask a = new CountingTask("a", 3, log);
            CountingTask b = new CountingTask("b", 3, log);
            scheduler.submit(a);
            scheduler.submit(b);
            blocker.gate.countDown();
            assertEquals(DecodeTask.Outcome.COMPLETED, a.outcome.get(5, TimeUnit.SECONDS));
            assertEquals(DecodeTask.Outcome.COMPLETED, b.outcome.get(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("x", "a", "b", "a", "b", "a", "b"), log);
    }

    @Test
    void fullQueueRejectsWithOverloaded() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (DecodeScheduler scheduler = new DecodeScheduler("tiny", 1, 1)) {
            CountingTask running = new CountingTask("r", 1, log);
            running.gate = new CountDownLatch(1);
            scheduler.submit(running);
            scheduler.submit(new CountingTask("w", 1, log));
            OverloadedException ex = assertThrows(OverloadedException.class,
                    () -> scheduler.submit(new CountingTask("z", 1, log)));
            assertEquals("model 'tiny' is overloaded: 1 generations already waiting", ex.getMessage());
            running.gate.countDown();
        }
    }

    @Test
    void cancellingAnActiveTaskFreesItsSlotForTheNextWaitingOne() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (DecodeScheduler scheduler = new DecodeScheduler("m", 1, 4)) {
            CountingTask endless = new CountingTask("e", Integer.MAX_VALUE, log);
            DecodeScheduler.Ticket ticket = scheduler.submit(endless);
            endless.started.await();
            CountingTask next = new CountingTask("n", 2, log);
            scheduler.submit(next);
            assertEquals(1, scheduler.waitingCount());
            assertTrue(ticket.cancel());
            assertEquals(0, scheduler.waitingCount());
            assertEquals(DecodeTask.Outcome.CANCELLED, endless.outcome.get(5, TimeUnit.SECONDS));
            assertEquals(DecodeTask.Outcome.COMPLETED, next.outcome.get(5, TimeUnit.SECONDS));
            assertFalse(ticket.cancel());
        }
    }

    @Test
    void cancellingAWaitingTaskNeverStepsIt() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (DecodeScheduler scheduler = new DecodeScheduler("m", 1, 4)) {
            CountingTask running = new CountingTask("r", 1, log);
            running.gate = new CountDownLatch(1);
            scheduler.submit(running);
            CountingTask queued = new CountingTask("q", 1, log);
            DecodeScheduler.Ticket ticket = scheduler.submit(queued);
            assertTrue(ticket.cancel());
            assertEquals(DecodeTask.Outcome.CANCELLED, queued.outcome.get(1, TimeUnit.SECONDS));
            running.gate.countDown();
            assertEquals(DecodeTask.Outcome.COMPLETED, running.outcome.get(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("r"), log);
    }

    @Test
    void failingStepEndsOnlyThatTask() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        try (DecodeScheduler scheduler = new DecodeScheduler("m", 2, 0)) {
            scheduler.submit(new DecodeTask() {
                @Override
                public boolean step() {
                    throw new IllegalStateException("boom");
                }

                @Override
                public void finished(Outcome outcome, Throwable f) {
                    failure.complete(f);
                }
            });
            CountingTask ok = new CountingTask("ok", 2, log);
            scheduler.submit(ok);
            assertEquals("boom", failure.get(5, TimeUnit.SECONDS).getMessage());
            assertEquals(DecodeTask.Outcome.COMPLETED, ok.outcome.get(5, TimeUnit.SECONDS));
        }
    }
}
