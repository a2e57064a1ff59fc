package io.lariat.tools.builtin.python;

/**
 * The cap on all worker processes of one interpreter together: how many may exist (warm ones included) and how much
 * memory they may count in total, each counting its heap plus the JVM's own resident memory.
 *
 * @param maxWorkers  worker processes alive at once; at least 1
 * @param memoryBytes memory all workers together may count; at least one worker's
 */
record WorkerBudget(int maxWorkers, long memoryBytes) {

    /** Validates the budget; throws {@link IllegalArgumentException} naming the bad component. */
    WorkerBudget {
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("maxWorkers must be at least 1, got " + maxWorkers);
        }
        if (memoryBytes < 1) {
            throw new IllegalArgumentException("memoryBytes must be positive, got " + memoryBytes);
        }
    }

    /** Throws {@link IllegalArgumentException} if not even one worker of {@code footprint} bytes fits. */
    void checkFits(long footprint) {
        if (footprint > memoryBytes) {
            throw new IllegalArgumentException("memoryBudget must hold at least one worker (" + mebibytes(footprint)
                    + ": its heap plus " + mebibytes(WorkerCommand.RESIDENT_NATIVE_BYTES) + " of runtime), got "
                    + mebibytes(memoryBytes));
        }
    }

    /** Whether {@code workers} workers of {@code footprint} bytes each fit. */
    boolean admits(int workers, long footprint) {
        return workers <= maxWorkers && workers * footprint <= memoryBytes;
    }

    /** Why one more worker does not fit, naming the settings to change. */
    String exhaustedMessage(int workers, long footprint) {
        if (workers + 1 > maxWorkers) {
            return "no Python worker is free: all " + maxWorkers + " allowed (lariat.python.max-workers) are in use"
                    + " by other sessions; try again when one ends";
        }
        return "no Python worker is free: " + workers + " workers of " + mebibytes(footprint) + " each use the memory"
                + " budget of " + mebibytes(memoryBytes) + " (lariat.python.memory); try again when a session ends";
    }

    private static String mebibytes(long bytes) {
        return bytes / (1024 * 1024) + " MiB";
    }
}
