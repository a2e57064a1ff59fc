/**
 * The {@code code_interpreter} built-in: Python run by GraalPy inside the JVM under a sandbox.
 *
 * <p>The entry type is {@link io.lariat.tools.builtin.python.CodeInterpreter}; it hands out
 * {@link io.lariat.tools.builtin.python.PythonSession}s whose {@code run} returns a
 * {@link io.lariat.tools.builtin.python.CodeRunResult}.
 */
package io.lariat.tools.builtin.python;
