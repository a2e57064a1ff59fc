package io.lariat.agent.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-way cancellation flag with callbacks, shared by a run and the generation it waits for.
 *
 * <p>{@link #cancel()} runs every registered callback once, on the cancelling thread; a callback registered after
 * cancellation runs at once. Thread-safe.
 */
public final class CancelSignal {
    private final List<Runnable> callbacks = new ArrayList<>();
    private String reason;

    /** Whether {@link #cancel} was called. */
    public synchronized boolean cancelled() {
        return reason != null;
    }

    /** Why it was cancelled, or null while it is not. */
    public synchronized String reason() {
        return reason;
    }

    /**
     * Cancels and runs the callbacks; later calls do nothing.
     *
     * @param why a short reason such as {@code client gone} or {@code timeout}
     */
    public void cancel(String why) {
        List<Runnable> run;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            run = List.copyOf(callbacks);
            callbacks.clear();
        }
        run.forEach(Runnable::run);
    }

    /** Runs {@code callback} on cancellation (at once when already cancelled). */
    public void onCancel(Runnable callback) {
        synchronized (this) {
            if (reason == null) {
                callbacks.add(callback);
                return;
            }
        }
        callback.run();
    }
}
