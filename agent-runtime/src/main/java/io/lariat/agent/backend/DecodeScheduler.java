package io.lariat.agent.backend;

import io.lariat.agent.OverloadedException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The continuous-batching scheduler of one model: a single thread that advances all active generations together,
 * one batched step at a time (for the embedded engine, one forward pass for all of them).
 *
 * <p>This queue is the model's one admission point. At most {@code maxActive} tasks hold a slot, and every round
 * steps all of them at once, so no session starves however long another one generates; tasks join and leave
 * between rounds. Up to {@code queueCapacity} further tasks wait for a slot in arrival order; beyond that
 * {@link #submit} throws {@link OverloadedException} at once, before the task ever runs. Cancelling a ticket frees
 * its slot (or queue place) at once and admits the next waiting task; a step already running finishes first, and
 * the task is never stepped again. Every callback of an admitted task runs on the scheduler thread, so a task's
 * state (its KV cache) is never touched by two threads. Thread-safe.
 *
 * @param <T> the task type the batch step understands
 */
final class DecodeScheduler<T extends DecodeTask> implements AutoCloseable {
    private final String model;
    private final int maxActive;
    private final int queueCapacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Consumer<List<T>> batchStep;
    private final List<Ticket> active = new ArrayList<>();
    private final Deque<Ticket> waiting = new ArrayDeque<>();
    private final List<Ticket> cancelledActive = new ArrayList<>();
    private final Thread thread;
    private boolean closed;

    /**
     * Starts the scheduler thread.
     *
     * @param model         the model name, used in the thread name and in overload errors
     * @param maxActive     generations stepped concurrently; at least 1
     * @param queueCapacity generations allowed to wait for a slot; at least 0
     * @param batchStep     advances every given started task by one step; a throw fails all of them
     */
    DecodeScheduler(String model, int maxActive, int queueCapacity, Consumer<List<T>> batchStep) {
        if (maxActive < 1 || queueCapacity < 0) {
            throw new IllegalArgumentException("maxActive must be >= 1 and queueCapacity >= 0");
        }
        this.model = model;
        this.maxActive = maxActive;
        this.queueCapacity = queueCapacity;
        this.batchStep = batchStep;
        this.thread = Thread.ofPlatform().daemon().name("lariat-scheduler-" + model).start(this::runLoop);
    }

    /**
     * Admits a task, or queues it when every slot is busy.
     *
     * @throws OverloadedException when the waiting queue is full
     * @throws IllegalStateException when the scheduler is closed
     */
    Ticket submit(T task) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("scheduler of model '" + model + "' is closed");
            }
            if (active.size() >= maxActive && waiting.size() >= queueCapacity) {
                throw OverloadedException.queueFull(model, queueCapacity);
            }
            Ticket ticket = new Ticket(task);
            waiting.addLast(ticket);
            admit();
            work.signal();
            return ticket;
        } finally {
            lock.unlock();
        }
    }

    /** Generations currently holding a slot. */
    int activeCount() {
        lock.lock();
        try {
            return active.size();
        } finally {
            lock.unlock();
        }
    }

    /** Generations waiting for a slot. */
    int waitingCount() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread; every active or waiting task finishes as cancelled. */
    @Override
    public void close() {
        List<Ticket> left = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            left.addAll(active);
            left.addAll(waiting);
            left.addAll(cancelledActive);
            left.forEach(t -> t.gone = true);
            active.clear();
            waiting.clear();
            cancelledActive.clear();
            work.signal();
        } finally {
            lock.unlock();
        }
        left.forEach(t -> t.task.finished(DecodeTask.Outcome.CANCELLED, null));
    }

    private void admit() {
        while (active.size() < maxActive && !waiting.isEmpty()) {
            active.add(waiting.removeFirst());
        }
    }

    private void runLoop() {
        while (true) {
            List<Ticket> round = nextRound();
            if (round == null) {
                return;
            }
            List<Ticket> batch = startAll(round);
            if (!batch.isEmpty()) {
                stepTogether(batch);
            }
            drainCancelled();
        }
    }

    /** Starts newly admitted tasks; returns the tickets still active and started. */
    private List<Ticket> startAll(List<Ticket> round) {
        List<Ticket> batch = new ArrayList<>(round.size());
        for (Ticket ticket : round) {
            if (!ticket.isActive()) {
                continue;
            }
            if (!ticket.started) {
                try {
                    ticket.task.start();
                    ticket.started = true;
                } catch (RuntimeException | Error e) {
                    if (ticket.leave()) {
                        ticket.task.finished(DecodeTask.Outcome.FAILED, e);
                    }
                    continue;
                }
            }
            batch.add(ticket);
        }
        return batch;
    }

    private void stepTogether(List<Ticket> batch) {
        try {
            batchStep.accept(batch.stream().map(t -> t.task).toList());
        } catch (RuntimeException | Error e) {
            for (Ticket ticket : batch) {
                if (ticket.leave()) {
                    ticket.task.finished(DecodeTask.Outcome.FAILED, e);
                }
            }
            return;
        }
        for (Ticket ticket : batch) {
            if (ticket.task.done() && ticket.leave()) {
                ticket.task.finished(DecodeTask.Outcome.COMPLETED, null);
            }
        }
    }

    /** Tells cancelled tasks that they are out, on this thread, after their last step has returned. */
    private void drainCancelled() {
        List<Ticket> out;
        lock.lock();
        try {
            if (cancelledActive.isEmpty()) {
                return;
            }
            out = List.copyOf(cancelledActive);
            cancelledActive.clear();
        } finally {
            lock.unlock();
        }
        out.forEach(t -> t.task.finished(DecodeTask.Outcome.CANCELLED, null));
    }

    /** Waits for work and returns a snapshot of the active tasks; null once closed. */
    private List<Ticket> nextRound() {
        drainCancelled();
        lock.lock();
        try {
            while (active.isEmpty() && cancelledActive.isEmpty() && !closed) {
                work.awaitUninterruptibly();
            }
            return closed ? null : List.copyOf(active);
        } finally {
            lock.unlock();
        }
    }

    /** A submitted task's handle; {@link #cancel()} is the only way to stop it early. */
    final class Ticket {
        private final T task;
        private boolean gone;
        /** Confined to the scheduler thread. */
        private boolean started;

        private Ticket(T task) {
            this.task = task;
        }

        /**
         * Frees the task's slot or queue place now; the task finishes as cancelled unless it already finished.
         *
         * @return whether this call cancelled it
         */
        boolean cancel() {
            boolean wasWaiting;
            lock.lock();
            try {
                if (gone) {
                    return false;
                }
                gone = true;
                wasWaiting = waiting.remove(this);
                if (!wasWaiting) {
                    active.remove(this);
                    cancelledActive.add(this);
                }
                admit();
                work.signal();
            } finally {
                lock.unlock();
            }
            if (wasWaiting) {
                // never admitted: no step can be running, so the callback may run here
                task.finished(DecodeTask.Outcome.CANCELLED, null);
            }
            return true;
        }

        /** Removes the ticket from the scheduler; true only for the first caller. */
        private boolean leave() {
            lock.lock();
            try {
                if (gone) {
                    return false;
                }
                gone = true;
                active.remove(this);
                admit();
                return true;
            } finally {
                lock.unlock();
            }
        }

        private boolean isActive() {
            lock.lock();
            try {
                return !gone;
            } finally {
                lock.unlock();
            }
        }
    }
}
