package io.lariat.tools.builtin.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunMonitorTest {

    private static final ThreadCounters COUNTERS = ThreadCounters.platform();
    private static final PythonLimits LIMITS = PythonLimits.defaults();

    private static RunMonitor monitor(PythonLimits limits, AtomicInteger kills) {
        return new RunMonitor(Thread.currentThread().threadId(), limits, kills::incrementAndGet, COUNTERS,
                new HeapSample(0, 0));
    }

    @Test
    void aFinishedRunIsNeverKilled() {
        AtomicInteger kills = new AtomicInteger();
        RunMonitor monitor = monitor(LIMITS, kills);
        assertNull(monitor.finish());
        monitor.stop(StopReason.CPU_TIME);
        assertEquals(0, kills.get());
    }

    @Test
    void aStoppedRunIsKilledOnceAndReportsTheFirstReason() {
        AtomicInteger kills = new AtomicInteger();
        RunMonitor monitor = monitor(LIMITS, kills);
        monitor.stop(StopReason.MEMORY);
        monitor.stop(StopReason.WALL_TIME);
        assertEquals(StopReason.MEMORY, monitor.finish());
        assertEquals(1, kills.get());
    }

    @Test
    void stopsAtTheWallLimit() throws InterruptedException {
        AtomicInteger kills = new AtomicInteger();
        RunMonitor monitor = monitor(LIMITS.withWallTime(Duration.ofMillis(1)), kills);
        Thread.sleep(5);
        monitor.check(COUNTERS, new HeapSample(0, 0), Long.MAX_VALUE);
        assertEquals(StopReason.WALL_TIME, monitor.finish());
    }

    @Test
    void stopsAtTheAllocationLimitEvenWithoutHeapGrowth() {
        AtomicInteger kills = new AtomicInteger();
        RunMonitor monitor = monitor(LIMITS.withMemoryBytes(1 << 20).withAllocationBytes(2 << 20), kills);
        byte[][] garbage = new byte[4][];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = new byte[1 << 20];
        }
        monitor.check(COUNTERS, new HeapSample(0, 0), Long.MAX_VALUE);
        assertEquals(StopReason.ALLOCATION, monitor.finish());
        assertEquals(4, garbage.length);
    }

    @Test
    void stopsAHeavyAllocatorWhenTheLiveHeapGrew() {
        AtomicInteger kills = new AtomicInteger();
        RunMonitor monitor = monitor(LIMITS.withMemoryBytes(1 << 20), kills);
        byte[] kept = new byte[2 << 20];
        monitor.check(COUNTERS, new HeapSample(0, 0), Long.MAX_VALUE);
        assertNull(monitor.finish(), "allocation alone is not enough while the live heap did not grow");
        RunMonitor grown = monitor(LIMITS.withMemoryBytes(1 << 20), kills);
        kept = new byte[2 << 20];
        grown.check(COUNTERS, new HeapSample(3 << 20, 0), Long.MAX_VALUE);
        assertEquals(StopReason.MEMORY, grown.finish());
        assertEquals(2 << 20, kept.length);
    }

    @Test
    void countsWhatEnteredTheHeapEvenWhenACollectionFreedAsMuchMeanwhile() {
        AtomicInteger kills = new AtomicInteger();
        RunMonitor monitor = monitor(LIMITS.withMemoryBytes(1 << 20), kills);
        byte[] kept = new byte[2 << 20];
        // retained heap unchanged, but a collection released 3 MiB of older garbage: 3 MiB came in
        monitor.check(COUNTERS, new HeapSample(0, 3 << 20), Long.MAX_VALUE);
        assertEquals(StopReason.MEMORY, monitor.finish());
        assertEquals(2 << 20, kept.length);
    }

    @Test
    void stopsAHeavyAllocatorWhenTheHeapIsNearlyFull() {
        AtomicInteger kills = new AtomicInteger();
        RunMonitor monitor = monitor(LIMITS.withMemoryBytes(1 << 20), kills);
        byte[] kept = new byte[2 << 20];
        monitor.check(COUNTERS, new HeapSample(90, 0), 100);
        assertEquals(StopReason.MEMORY, monitor.finish());
        assertEquals(2 << 20, kept.length);
    }
}
