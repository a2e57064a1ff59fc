package io.lariat.tools.builtin.python;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a cell in a worker, as the {@link WorkerWatchdog} and the session see it: the worker, when the run
 * started, the worker's CPU time then, and whether it finished or was stopped.
 *
 * <p>Thread-safe. Exactly one of {@link #finish()} (by the caller, when the reply arrives) and
 * {@link #stop(StopReason)} (by the watchdog, the closing session or an interrupted caller) wins; only a stop kills
 * the worker, so a run that finished in time never loses its worker afterwards.
 */
final class WorkerRun {

    private static final Object RUNNING = new Object();
    private static final Object FINISHED = new Object();

    private final PythonWorker worker;
    private final PythonLimits limits;
    private final long startNanos;
    private final long startCpuNanos;
    private final AtomicReference<Object> state = new AtomicReference<>(RUNNING);
    private volatile long stoppedAtNanos;

    WorkerRun(PythonWorker worker, PythonLimits limits) {
        this.worker = worker;
        this.limits = limits;
        this.startNanos = System.nanoTime();
        this.startCpuNanos = worker.cpuNanos();
    }

    /** Checks the time limits once and stops the run if one is exceeded. */
    void check() {
        if (System.nanoTime() - startNanos > limits.wallTime().toNanos()) {
            stop(StopReason.WALL_TIME);
            return;
        }
        long cpu = worker.cpuNanos();
        if (cpu >= 0 && cpu - startCpuNanos > limits.cpuTime().toNanos()) {
            stop(StopReason.CPU_TIME);
        }
    }

    /**
     * Stops the run for {@code reason} unless it already finished or was stopped: kills the worker with
     * {@code SIGKILL} and wakes the caller at once, without waiting for the process to exit.
     */
    void stop(StopReason reason) {
        if (state.compareAndSet(RUNNING, reason)) {
            stoppedAtNanos = System.nanoTime();
            worker.kill();
            worker.abandon(new StoppedException(reason));
        }
    }

    /** Marks the run finished; returns the stop reason if it was stopped first, else {@code null}. */
    StopReason finish() {
        if (state.compareAndSet(RUNNING, FINISHED)) {
            return null;
        }
        return state.get() instanceof StopReason reason ? reason : null;
    }

    /** When {@link #stop(StopReason)} took effect ({@link System#nanoTime()}), or 0 if it did not. */
    long stoppedAtNanos() {
        return stoppedAtNanos;
    }

    PythonWorker worker() {
        return worker;
    }

    /** Completes a stopped run's reply future, so the caller returns before the process has exited. */
    static final class StoppedException extends Exception {

        private final StopReason reason;

        StoppedException(StopReason reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }

        StopReason reason() {
            return reason;
        }
    }
}
