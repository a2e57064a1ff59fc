package io.lariat.agent.http;

import io.lariat.agent.OverloadedException;
import io.lariat.agent.backend.CancelSignal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded queue in front of one model's chat generations: at most {@code maxActive} generate at once, at most
 * {@code queueCapacity} more wait, and any further request is refused at once with {@link OverloadedException}.
 *
 * <p>Admission ({@link #admit()}) never blocks, so the event loop can call it and answer 429 before a byte of the
 * response is written; waiting for a slot ({@link Permit#awaitSlot}) blocks and belongs on a virtual thread.
 * Thread-safe.
 */
final class GenerationGate {
    /** How often a waiting request checks whether its client went away. */
    private static final long CANCEL_POLL_MILLIS = 20;

    private final String model;
    private final int queueCapacity;
    private final int capacity;
    private final Semaphore slots;
    private final AtomicInteger admitted = new AtomicInteger();

    GenerationGate(String model, int maxActive, int queueCapacity) {
        if (maxActive < 1 || queueCapacity < 0) {
            throw new IllegalArgumentException("maxActive must be >= 1 and queueCapacity >= 0");
        }
        this.model = model;
        this.queueCapacity = queueCapacity;
        this.capacity = maxActive + queueCapacity;
        this.slots = new Semaphore(maxActive, true);
    }

    /**
     * Takes a place in the queue.
     *
     * @throws OverloadedException when {@code maxActive + queueCapacity} requests are already admitted
     */
    Permit admit() {
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            throw OverloadedException.queueFull(model, queueCapacity);
        }
        return new Permit();
    }

    /** Requests admitted and not yet generating. */
    int waiting() {
        return Math.max(0, admitted.get() - (capacity - queueCapacity - slots.availablePermits()));
    }

    /** A place in the queue, then a generation slot; {@link #close()} gives both back. */
    final class Permit implements AutoCloseable {
        private boolean holdsSlot;
        private boolean closed;

        /**
         * Waits for a generation slot.
         *
         * @throws CancellationException when {@code cancel} fires first
         */
        void awaitSlot(CancelSignal cancel) {
            try {
                while (!slots.tryAcquire(CANCEL_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (cancel.cancelled()) {
                        throw new CancellationException("cancelled while queued: " + cancel.reason());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while queued");
            }
            holdsSlot = true;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (holdsSlot) {
                slots.release();
            }
            admitted.decrementAndGet();
        }
    }
}
