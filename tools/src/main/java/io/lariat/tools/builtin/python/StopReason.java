package io.lariat.tools.builtin.python;

/** Why the watchdog or the session stopped a run before the guest code finished. */
enum StopReason {
    /** The executing thread used more CPU time than allowed. */
    CPU_TIME,
    /** The run took longer than the wall-clock limit. */
    WALL_TIME,
    /** The run kept more heap than allowed (see {@link PythonLimits}). */
    MEMORY,
    /** The run allocated more than its total allocation budget. */
    ALLOCATION,
    /** The session was closed or the caller was interrupted. */
    CANCELLED
}
