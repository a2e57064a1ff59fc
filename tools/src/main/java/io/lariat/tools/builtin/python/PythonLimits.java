package io.lariat.tools.builtin.python;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits of every {@link PythonSession}: each session runs in its own worker process, and these are that
 * process's limits.
 *
 * <p>Immutable and thread-safe. A run whose worker uses more than {@code cpuTime} of CPU (all its threads, the
 * runtime's own included) or takes longer than {@code wallTime} is stopped and reported as timed out; a session
 * whose Python objects fill {@code memoryBytes} of heap is stopped and reported as out of memory. Either way the
 * worker is killed with {@code SIGKILL} and the session's Python state is lost with it. The heap is a hard limit
 * ({@code -Xmx}) that holds whatever the code does, single huge allocations included; it also holds GraalPy's own
 * data (some tens of MiB). Output beyond {@code outputBytes} per stream is dropped and marked as truncated.
 *
 * @param cpuTime     CPU time one run may use; positive
 * @param wallTime    elapsed time one run may take (bounds sleeping and waiting); positive
 * @param memoryBytes heap of the session's worker process, in bytes; at least {@link #MIN_MEMORY_BYTES}
 * @param outputBytes bytes of stdout and, separately, of stderr kept per run, also the cap on a final value's repr;
 *                    at least 64
 */
public record PythonLimits(Duration cpuTime, Duration wallTime, long memoryBytes, int outputBytes) {

    /** The smallest heap GraalPy starts in with the default preloaded modules. */
    public static final long MIN_MEMORY_BYTES = 64L * 1024 * 1024;

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
        if (memoryBytes < MIN_MEMORY_BYTES) {
            throw new IllegalArgumentException("memoryBytes must be at least " + MIN_MEMORY_BYTES / MIB + " MiB, got "
                    + memoryBytes);
        }
        if (outputBytes < 64) {
            throw new IllegalArgumentException("outputBytes must be at least 64, got " + outputBytes);
        }
    }

    /** The defaults: 10 s of CPU, 20 s of wall time, 256 MiB of heap and 16 KiB of output per stream. */
    public static PythonLimits defaults() {
        return new PythonLimits(Duration.ofSeconds(10), Duration.ofSeconds(20), 256 * MIB, 16 * 1024);
    }

    /** These limits with another CPU time limit. */
    public PythonLimits withCpuTime(Duration value) {
        return new PythonLimits(value, wallTime, memoryBytes, outputBytes);
    }

    /** These limits with another wall time limit. */
    public PythonLimits withWallTime(Duration value) {
        return new PythonLimits(cpuTime, value, memoryBytes, outputBytes);
    }

    /** These limits with another heap size in bytes. */
    public PythonLimits withMemoryBytes(long value) {
        return new PythonLimits(cpuTime, wallTime, value, outputBytes);
    }

    /** These limits with another output cap in bytes. */
    public PythonLimits withOutputBytes(int value) {
        return new PythonLimits(cpuTime, wallTime, memoryBytes, value);
    }
}
