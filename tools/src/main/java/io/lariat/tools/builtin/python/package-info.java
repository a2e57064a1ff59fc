/**
 * The {@code code_interpreter} built-in: Python run by GraalPy in worker processes, sandboxed, with hard limits.
 *
 * <p>Host side: {@code CodeInterpreter}, {@code PythonSession}, the {@code WorkerPool} of {@code PythonWorker}
 * processes within a {@code WorkerBudget}, the {@code WorkerWatchdog} and {@code CellRunner}. Worker side:
 * {@code PythonWorkerMain} with one {@code PooledContext} at a time. They speak {@code WorkerProtocol}.
 *
 * <p>The entry type is {@link io.lariat.tools.builtin.python.CodeInterpreter}; it hands out
 * {@link io.lariat.tools.builtin.python.PythonSession}s whose {@code run} returns a
 * {@link io.lariat.tools.builtin.python.CodeRunResult}.
 */
package io.lariat.tools.builtin.python;
