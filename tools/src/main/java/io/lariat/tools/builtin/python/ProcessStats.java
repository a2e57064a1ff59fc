package io.lariat.tools.builtin.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time and resident memory of a worker process, read from Linux's {@code /proc}, with the JDK's process info
 * as the fallback for CPU time elsewhere.
 *
 * <p>Stateless. {@code /proc/PID/stat} counts in clock ticks (1/100 s on Linux), so CPU readings are exact to 10 ms.
 */
final class ProcessStats {

    private static final long NANOS_PER_TICK = 10_000_000L;
    // Fields 14 and 15 of /proc/PID/stat (utime, stime), counted after the ')' that ends the command name.
    private static final int UTIME_AFTER_NAME = 11;

    private ProcessStats() {
    }

    /** CPU time the process has used so far in nanoseconds, all threads; -1 once it is gone. */
    static long cpuNanos(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"),
                    StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[UTIME_AFTER_NAME]) + Long.parseLong(fields[UTIME_AFTER_NAME + 1]);
            return ticks * NANOS_PER_TICK;
        } catch (IOException | RuntimeException noProc) {
            return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        }
    }

    /** Resident set size of the process in bytes, or -1 when unknown. */
    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024;
                }
            }
            return -1;
        } catch (IOException | RuntimeException noProc) {
            return -1;
        }
    }
}
