package io.lariat.tools.builtin.python;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits applied to every {@link PythonSession#run(String) run} of a code interpreter.
 *
 * <p>Immutable and thread-safe. A run that exceeds {@code cpuTime} or {@code wallTime} is stopped and reported as
 * timed out; one that exceeds {@code memoryBytes} or {@code allocationBytes} is stopped and reported as out of
 * memory; either way the session's
 * Python state is discarded. Output beyond {@code outputBytes} per stream is dropped and marked as truncated.
 *
 * <p>Memory: GraalPy community cannot bound a context's heap, so the limit is enforced from outside. A run is stopped
 * once the thread executing it has allocated more than {@code memoryBytes} <em>and</em> either more than
 * {@code memoryBytes} has entered the JVM's retained heap since the run started (everything outside eden: survivors
 * of collections and large objects, which go straight to the old generation; counted as the retained heap's growth
 * plus what collections released from it meanwhile, so reclaimed older garbage cannot hide a new object), or it is
 * above
 * {@link #HEAP_PRESSURE_RATIO} of the maximum heap. Short-lived garbage therefore does not count; a run that keeps
 * large objects is stopped at once, and one that keeps many small objects at the next young collection, so it may
 * briefly hold up to one eden's worth more. The heap signal is JVM-wide, so when several runs allocate heavily at
 * once, each one over its budget may be stopped. {@code allocationBytes} bounds the total a run may allocate,
 * garbage included, whatever the collector does.
 *
 * <p>Single large allocations ({@code bytearray(n)}, {@code [0] * n}, {@code 'a' * n}) cannot be refused before
 * they happen: GraalPy community has no per-context heap limit ({@code sandbox.MaxHeapMemory} needs Truffle
 * Enterprise on Oracle GraalVM) and no hook before a builtin allocates. The bound is therefore: a size past a Java
 * array's range (about 2<sup>31</sup> items) is refused by GraalPy with {@code OverflowError} before allocating; a
 * request larger than the JVM's free heap is refused by the JVM at once and reported as a {@code MemoryError} naming
 * the memory limit; anything smaller is allocated, and the run is stopped as soon as the builtin returns (the limits
 * are checked again when a cell ends, so a cell whose last step is the allocation does not keep it). Meanwhile that
 * one object holds heap the rest of the JVM cannot use, and a builtin that fills it ({@code [None] * 3*10**8}) runs
 * to its end, seconds at most, before the stop takes effect. Give the JVM heap headroom beyond the largest model
 * working set accordingly.
 *
 * @param cpuTime     CPU time of the executing thread a run may use; positive
 * @param wallTime    elapsed time a run may take (bounds sleeping and waiting); positive
 * @param memoryBytes heap a run may keep, in bytes (see above); at least 1 MiB
 * @param allocationBytes total bytes a run may allocate, garbage included; at least {@code memoryBytes}
 * @param outputBytes bytes of stdout and, separately, of stderr kept per run, also the cap on a final value's repr;
 *                    at least 64
 */
public record PythonLimits(Duration cpuTime, Duration wallTime, long memoryBytes, long allocationBytes,
                           int outputBytes) {

    /** Share of the maximum heap, retained outside eden, above which heavy allocators are stopped. */
    public static final double HEAP_PRESSURE_RATIO = 0.85;

    private static final long MIB = 1024L * 1024L;

    /** Validates the limits; throws {@link IllegalArgumentException} naming the bad component. */
    public PythonLimits {
        Objects.requireNonNull(cpuTime, "cpuTime");
        Objects.requireNonNull(wallTime, "wallTime");
        if (cpuTime.isNegative() || cpuTime.isZero()) {
            throw new IllegalArgumentException("cpuTime must be positive, got " + cpuTime);
        }
        if (wallTime.isNegative() || wallTime.isZero()) {
            throw new IllegalArgumentException("wallTime must be positive, got " + wallTime);
        }
        if (memoryBytes < MIB) {
            throw new IllegalArgumentException("memoryBytes must be at least 1 MiB, got " + memoryBytes);
        }
        if (allocationBytes < memoryBytes) {
            throw new IllegalArgumentException("allocationBytes must be at least memoryBytes (" + memoryBytes
                    + "), got " + allocationBytes);
        }
        if (outputBytes < 64) {
            throw new IllegalArgumentException("outputBytes must be at least 64, got " + outputBytes);
        }
    }

    /**
     * The defaults: 10 s of CPU, 20 s of wall time, 256 MiB of heap kept, 4 GiB allocated in total and 16 KiB of
     * output per stream.
     */
    public static PythonLimits defaults() {
        return new PythonLimits(Duration.ofSeconds(10), Duration.ofSeconds(20), 256 * MIB, 4096 * MIB, 16 * 1024);
    }

    /** These limits with another CPU time limit. */
    public PythonLimits withCpuTime(Duration value) {
        return new PythonLimits(value, wallTime, memoryBytes, allocationBytes, outputBytes);
    }

    /** These limits with another wall time limit. */
    public PythonLimits withWallTime(Duration value) {
        return new PythonLimits(cpuTime, value, memoryBytes, allocationBytes, outputBytes);
    }

    /** These limits with another memory limit in bytes. */
    public PythonLimits withMemoryBytes(long value) {
        return new PythonLimits(cpuTime, wallTime, value, allocationBytes, outputBytes);
    }

    /** These limits with another total allocation limit in bytes. */
    public PythonLimits withAllocationBytes(long value) {
        return new PythonLimits(cpuTime, wallTime, memoryBytes, value, outputBytes);
    }

    /** These limits with another output cap in bytes. */
    public PythonLimits withOutputBytes(int value) {
        return new PythonLimits(cpuTime, wallTime, memoryBytes, allocationBytes, value);
    }
}
