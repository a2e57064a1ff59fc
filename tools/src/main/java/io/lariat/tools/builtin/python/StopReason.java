package io.lariat.tools.builtin.python;

/** Why a run ended before the guest code finished; its worker is gone either way. */
enum StopReason {
    /** The worker used more CPU time than the run may. */
    CPU_TIME,
    /** The run took longer than the wall-clock limit. */
    WALL_TIME,
    /** The worker's heap was full: its JVM exited on {@code OutOfMemoryError}. */
    MEMORY,
    /** The session was closed, the interpreter shut down, or the caller interrupted. */
    CANCELLED,
    /** The worker died for another reason (killed by the system, crashed). */
    WORKER_LOST
}
