package io.lariat.tools.builtin.python;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Per-thread CPU time and allocation counters plus the JVM's retained heap, read through the HotSpot management
 * beans.
 *
 * <p>Thread-safe. Counters exist only for platform threads, which is why runs execute on the interpreter's own
 * worker threads rather than the caller's (possibly virtual) thread.
 */
final class ThreadCounters {

    private final com.sun.management.ThreadMXBean threads;
    private final List<MemoryPoolMXBean> heapPools;

    private ThreadCounters(com.sun.management.ThreadMXBean threads, List<MemoryPoolMXBean> heapPools) {
        this.threads = threads;
        this.heapPools = heapPools;
    }

    /** Reads the platform beans and enables the counters; fails if this JVM cannot measure threads. */
    static ThreadCounters platform() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported() || !threads.isThreadCpuTimeSupported()) {
            throw new CodeInterpreterException(
                    "this JVM cannot measure per-thread CPU time and allocation, so Python runs cannot be bounded");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        threads.setThreadCpuTimeEnabled(true);
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && !pool.getName().contains("Eden"))
                .toList();
        return new ThreadCounters(threads, pools);
    }

    long cpuNanos(long threadId) {
        return threads.getThreadCpuTime(threadId);
    }

    long allocatedBytes(long threadId) {
        return threads.getThreadAllocatedBytes(threadId);
    }

    /**
     * Heap in use outside the young allocation area (eden): objects that survived a collection plus large objects
     * allocated straight into the old generation. Unlike the whole heap it excludes fresh garbage, and unlike the
     * post-collection figures it follows large allocations at once.
     */
    long retainedHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            sum += pool.getUsage().getUsed();
        }
        return sum;
    }
}
