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
                counters.heap());
        active.add(monitor);
        return monitor;
    }

    /**
     * Checks the limits once more and marks the run finished; called by the executing thread when the guest code
     * returns. A cell whose last step is one large allocation (say {@code x = bytearray(10**9)}) returns within
     * milliseconds of it, usually before the next poll, so without this check it would keep the memory.
     *
     * @return the reason the run was stopped (by this check or earlier), or {@code null} when it finished in bounds
     */
    StopReason finish(RunMonitor monitor) {
        monitor.check(counters, counters.heap(), Runtime.getRuntime().maxMemory());
        return monitor.finish();
    }

    /** Stops watching {@code monitor}. */
    void release(RunMonitor monitor) {
        active.remove(monitor);
    }

    private void checkAll() {
        if (active.isEmpty()) {
            return;
        }
        try {
            HeapSample heap = counters.heap();
            long maxHeap = Runtime.getRuntime().maxMemory();
            for (RunMonitor monitor : active) {
                monitor.check(counters, heap, maxHeap);
            }
        } catch (OutOfMemoryError exhausted) {
            // A run's huge allocation can exhaust the heap for a moment, and this thread may be the one that gets
            // the error. An exception would cancel the periodic task and leave every later run unwatched; the next
            // tick checks again, by which time the run is stopped (or has failed with MemoryError) and the heap freed.
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        counters.close();
    }
}
