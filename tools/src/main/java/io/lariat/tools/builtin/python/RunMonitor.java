package io.lariat.tools.builtin.python;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The watchdog's view of one run: the thread executing it, its starting counters and its limits.
 *
 * <p>Thread-safe. Exactly one of {@link #finish()} (by the executing thread) and {@link #stop(StopReason)} (by the
 * watchdog or the session) wins; the loser sees the winner's outcome. Only the stop path calls the kill action, so a
 * run that finished in time is never killed afterwards.
 */
final class RunMonitor {

    private static final Object RUNNING = new Object();
    private static final Object FINISHED = new Object();

    private final long threadId;
    private final PythonLimits limits;
    private final Runnable kill;
    private final long startNanos;
    private final long startCpuNanos;
    private final long startAllocatedBytes;
    private final HeapSample startHeap;
    private final AtomicReference<Object> state = new AtomicReference<>(RUNNING);

    RunMonitor(long threadId, PythonLimits limits, Runnable kill, ThreadCounters counters, HeapSample heap) {
        this.threadId = threadId;
        this.limits = limits;
        this.kill = kill;
        this.startNanos = System.nanoTime();
        this.startCpuNanos = counters.cpuNanos(threadId);
        this.startAllocatedBytes = counters.allocatedBytes(threadId);
        this.startHeap = heap;
    }

    /** Checks every limit once and stops the run if one is exceeded. */
    void check(ThreadCounters counters, HeapSample heap, long maxHeap) {
        if (System.nanoTime() - startNanos > limits.wallTime().toNanos()) {
            stop(StopReason.WALL_TIME);
        } else if (counters.cpuNanos(threadId) - startCpuNanos > limits.cpuTime().toNanos()) {
            stop(StopReason.CPU_TIME);
        } else {
            // Memory first: when both limits are passed, "kept too much" is the more useful diagnosis.
            long allocated = counters.allocatedBytes(threadId) - startAllocatedBytes;
            if (keepsTooMuch(allocated, heap, maxHeap)) {
                stop(StopReason.MEMORY);
            } else if (allocated > limits.allocationBytes()) {
                stop(StopReason.ALLOCATION);
            }
        }
    }

    // Allocation alone over-counts garbage; the retained heap alone cannot say who grew it. Together they catch a run
    // that allocates heavily while the retained heap grows (or the JVM is near its limit). See PythonLimits.
    private boolean keepsTooMuch(long allocated, HeapSample heap, long maxHeap) {
        if (allocated <= limits.memoryBytes()) {
            return false;
        }
        boolean grew = heap.growthSince(startHeap) > limits.memoryBytes();
        return grew || heap.retainedBytes() > PythonLimits.HEAP_PRESSURE_RATIO * maxHeap;
    }

    /** Stops the run for {@code reason} unless it already finished or was stopped; the kill runs at most once. */
    void stop(StopReason reason) {
        if (state.compareAndSet(RUNNING, reason)) {
            kill.run();
        }
    }

    /** Marks the run finished; returns the stop reason if it was stopped first, else {@code null}. */
    StopReason finish() {
        if (state.compareAndSet(RUNNING, FINISHED)) {
            return null;
        }
        return state.get() instanceof StopReason reason ? reason : null;
    }
}
