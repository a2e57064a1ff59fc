package io.lariat.tools.builtin.python;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls every active run every few milliseconds and kills the worker of one that exceeds its time limits.
 *
 * <p>Thread-safe; one per {@link CodeInterpreter}. A check reads one small {@code /proc} file per run, and a kill is
 * a signal, so one slow worker never delays the checks of the others.
 */
final class WorkerWatchdog implements AutoCloseable {

    private static final long PERIOD_MILLIS = 10;

    private final Set<WorkerRun> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lariat-python-watchdog").daemon().factory());

    WorkerWatchdog() {
        timer.scheduleWithFixedDelay(this::checkAll, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts watching a run that is about to be sent to {@code worker}. */
    WorkerRun watch(PythonWorker worker, PythonLimits limits) {
        WorkerRun run = new WorkerRun(worker, limits);
        active.add(run);
        return run;
    }

    /** Stops watching {@code run}. */
    void release(WorkerRun run) {
        active.remove(run);
    }

    private void checkAll() {
        for (WorkerRun run : active) {
            try {
                run.check();
            } catch (RuntimeException unexpected) {
                // An exception would cancel the periodic task and leave every later run unwatched; kill this one.
                run.stop(StopReason.CANCELLED);
            }
        }
    }

    /** Stops the checks and every active run, as cancelled; their callers return at once. */
    @Override
    public void close() {
        timer.shutdownNow();
        for (WorkerRun run : active) {
            run.stop(StopReason.CANCELLED);
        }
    }
}
