package io.lariat.tools.builtin.python;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls every active run every few milliseconds and stops those that exceed their {@link PythonLimits}.
 *
 * <p>Thread-safe; one per {@link CodeInterpreter}. Kill actions run on a fresh thread, because cancelling a context
 * waits for its executing thread to leave, and one slow cancellation must not delay the checks of other runs.
 */
final class ResourceWatchdog implements AutoCloseable {

    private static final long PERIOD_MILLIS = 5;

    private final ThreadCounters counters = ThreadCounters.platform();
    private final Set<RunMonitor> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lariat-python-watchdog").daemon().factory());

    ResourceWatchdog() {
        timer.scheduleWithFixedDelay(this::checkAll, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts watching the calling thread, which must be the platform thread about to execute the run.
     *
     * @param kill stops the run; called at most once, on a separate thread
     */
    RunMonitor watchCurrentThread(PythonLimits limits, Runnable kill) {
        Runnable asyncKill = () -> Thread.ofPlatform().name("lariat-python-kill").daemon().start(kill);
        RunMonitor monitor = new RunMonitor(Thread.currentThread().threadId(), limits, asyncKill, counters,
                counters.retainedHeap());
        active.add(monitor);
        return monitor;
    }

    /** Stops watching {@code monitor}. */
    void release(RunMonitor monitor) {
        active.remove(monitor);
    }

    private void checkAll() {
        if (active.isEmpty()) {
            return;
        }
        long retainedHeap = counters.retainedHeap();
        long maxHeap = Runtime.getRuntime().maxMemory();
        for (RunMonitor monitor : active) {
            monitor.check(counters, retainedHeap, maxHeap);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
