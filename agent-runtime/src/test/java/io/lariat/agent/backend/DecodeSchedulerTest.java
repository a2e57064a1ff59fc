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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecodeSchedulerTest {

    /** A task of a fixed number of steps; the test's batch step logs the names of each batch. */
    private static final class CountingTask implements DecodeTask {
        final String name;
        final int steps;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        final CompletableFuture<Throwable> failure = new CompletableFuture<>();
        final CountDownLatch started = new CountDownLatch(1);
        volatile CountDownLatch gate;
        RuntimeException startFailure;
        int done;

        CountingTask(String name, int steps) {
            this.name = name;
            this.steps = steps;
        }

        @Override
        public void start() {
            started.countDown();
            if (startFailure != null) {
                throw startFailure;
            }
        }

        void step() {
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            done++;
        }

        @Override
        public boolean done() {
            return done == steps;
        }

        @Override
        public void finished(Outcome o, Throwable f) {
            failure.complete(f);
            outcome.complete(o);
        }
    }

    private static DecodeScheduler<CountingTask> scheduler(int maxActive, int queue, List<String> batches) {
        return new DecodeScheduler<>("m", maxActive, queue, tasks -> {
            batches.add(String.join("+", tasks.stream().map(t -> t.name).toList()));
            tasks.forEach(CountingTask::step);
        });
    }

    @Test
    void activeTasksAreSteppedTogetherAndJoinAndLeaveBetweenSteps() throws Exception {
        List<String> batches = Collections.synchronizedList(new ArrayList<>());
        try (DecodeScheduler<CountingTask> scheduler = scheduler(3, 0, batches)) {
            CountingTask blocker = new CountingTask("x", 1);
            blocker.gate = new CountDownLatch(1);
            scheduler.submit(blocker);
            blocker.started.await();
            CountingTask a = new CountingTask("a", 3);
            CountingTask b = new CountingTask("b", 2);
            scheduler.submit(a);
            scheduler.submit(b);
            blocker.gate.countDown();
            assertEquals(DecodeTask.Outcome.COMPLETED, a.outcome.get(5, TimeUnit.SECONDS));
            assertEquals(DecodeTask.Outcome.COMPLETED, b.outcome.get(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("x", "a+b", "a+b", "a"), batches);
    }

    @Test
    void fullQueueRejectsWithOverloadedBeforeTheTaskStarts() throws Exception {
        List<String> batches = Collections.synchronizedList(new ArrayList<>());
        try (DecodeScheduler<CountingTask> scheduler = new DecodeScheduler<>("tiny", 1, 1,
                tasks -> tasks.forEach(CountingTask::step))) {
            CountingTask running = new CountingTask("r", 1);
            running.gate = new CountDownLatch(1);
            scheduler.submit(running);
            scheduler.submit(new CountingTask("w", 1));
            CountingTask rejected = new CountingTask("z", 1);
            OverloadedException ex = assertThrows(OverloadedException.class, () -> scheduler.submit(rejected));
            assertEquals("model 'tiny' is overloaded: 1 generations already waiting", ex.getMessage());
            assertEquals(1, rejected.started.getCount());
            running.gate.countDown();
        }
    }

    @Test
    void cancellingAnActiveTaskFreesItsSlotForTheNextWaitingOne() throws Exception {
        List<String> batches = Collections.synchronizedList(new ArrayList<>());
        try (DecodeScheduler<CountingTask> scheduler = scheduler(1, 4, batches)) {
            CountingTask endless = new CountingTask("e", Integer.MAX_VALUE);
            DecodeScheduler<CountingTask>.Ticket ticket = scheduler.submit(endless);
            endless.started.await();
            CountingTask next = new CountingTask("n", 2);
            scheduler.submit(next);
            assertEquals(1, scheduler.waitingCount());
            assertTrue(ticket.cancel());
            assertEquals(0, scheduler.waitingCount());
            assertEquals(DecodeTask.Outcome.CANCELLED, endless.outcome.get(5, TimeUnit.SECONDS));
            assertEquals(DecodeTask.Outcome.COMPLETED, next.outcome.get(5, TimeUnit.SECONDS));
            assertFalse(ticket.cancel());
        }
        assertEquals(List.of("n", "n"), batches.subList(batches.size() - 2, batches.size()));
    }

    @Test
    void cancellingAWaitingTaskNeverStepsIt() throws Exception {
        List<String> batches = Collections.synchronizedList(new ArrayList<>());
        try (DecodeScheduler<CountingTask> scheduler = scheduler(1, 4, batches)) {
            CountingTask running = new CountingTask("r", 1);
            running.gate = new CountDownLatch(1);
            scheduler.submit(running);
            CountingTask queued = new CountingTask("q", 1);
            DecodeScheduler<CountingTask>.Ticket ticket = scheduler.submit(queued);
            assertTrue(ticket.cancel());
            assertEquals(DecodeTask.Outcome.CANCELLED, queued.outcome.get(1, TimeUnit.SECONDS));
            running.gate.countDown();
            assertEquals(DecodeTask.Outcome.COMPLETED, running.outcome.get(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("r"), batches);
    }

    @Test
    void failingStartEndsOnlyThatTask() throws Exception {
        List<String> batches = Collections.synchronizedList(new ArrayList<>());
        try (DecodeScheduler<CountingTask> scheduler = scheduler(2, 0, batches)) {
            CountingTask broken = new CountingTask("broken", 1);
            broken.startFailure = new IllegalStateException("boom");
            scheduler.submit(broken);
            CountingTask ok = new CountingTask("ok", 2);
            scheduler.submit(ok);
            assertEquals(DecodeTask.Outcome.FAILED, broken.outcome.get(5, TimeUnit.SECONDS));
            assertEquals("boom", broken.failure.get().getMessage());
            assertEquals(DecodeTask.Outcome.COMPLETED, ok.outcome.get(5, TimeUnit.SECONDS));
        }
        assertFalse(batches.stream().anyMatch(b -> b.contains("broken")));
    }

    @Test
    void failingBatchStepFailsTheTasksOfThatStepOnly() throws Exception {
        IllegalStateException kernel = new IllegalStateException("kernel broke");
        try (DecodeScheduler<CountingTask> scheduler = new DecodeScheduler<>("m", 2, 4, tasks -> {
            if (tasks.stream().anyMatch(t -> t.name.equals("bad"))) {
                throw kernel;
            }
            tasks.forEach(CountingTask::step);
        })) {
            CountingTask blocker = new CountingTask("x", 1);
            blocker.gate = new CountDownLatch(1);
            scheduler.submit(blocker);
            blocker.started.await();
            CountingTask bad = new CountingTask("bad", 3);
            CountingTask beside = new CountingTask("beside", 3);
            scheduler.submit(bad);
            scheduler.submit(beside);
            blocker.gate.countDown();
            assertEquals(DecodeTask.Outcome.FAILED, bad.outcome.get(5, TimeUnit.SECONDS));
            assertEquals(DecodeTask.Outcome.FAILED, beside.outcome.get(5, TimeUnit.SECONDS));
            assertSame(kernel, beside.failure.get());
            CountingTask later = new CountingTask("later", 2);
            scheduler.submit(later);
            assertEquals(DecodeTask.Outcome.COMPLETED, later.outcome.get(5, TimeUnit.SECONDS));
        }
    }
}
