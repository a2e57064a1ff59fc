package io.lariat.tools.builtin.python;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Per-thread CPU time and allocation counters plus the JVM's retained heap, read through the HotSpot management
 * beans, and what garbage collections release from it, from their notifications.
 *
 * <p>Thread-safe. Counters exist only for platform threads, which is why runs execute on the interpreter's own
 * worker threads rather than the caller's (possibly virtual) thread. {@link #close()} stops listening to collections.
 */
final class ThreadCounters implements AutoCloseable {

    private final com.sun.management.ThreadMXBean threads;
    private final List<MemoryPoolMXBean> heapPools;
    private final Set<String> oldPools;
    private final AtomicLong released = new AtomicLong();
    private final NotificationListener onCollection = this::collected;

    private ThreadCounters(com.sun.management.ThreadMXBean threads, List<MemoryPoolMXBean> heapPools) {
        this.threads = threads;
        this.heapPools = heapPools;
        this.oldPools = heapPools.stream().map(MemoryPoolMXBean::getName)
                .filter(name -> !name.contains("Survivor")).collect(Collectors.toUnmodifiableSet());
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(onCollection, null, null);
            }
        }
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

    /** The retained heap now and what collections have released from it so far. */
    HeapSample heap() {
        return new HeapSample(retainedHeap(), released.get());
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

    // Survivor spaces are left out: what leaves them moves to the old generation, and would be counted twice.
    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GcInfo gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        long freed = 0;
        for (String pool : oldPools) {
            MemoryUsage before = gc.getMemoryUsageBeforeGc().get(pool);
            MemoryUsage after = gc.getMemoryUsageAfterGc().get(pool);
            if (before != null && after != null) {
                freed += Math.max(0, before.getUsed() - after.getUsed());
            }
        }
        released.addAndGet(freed);
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(onCollection);
                } catch (ListenerNotFoundException alreadyGone) {
                    // Closing twice is harmless.
                }
            }
        }
    }
}
