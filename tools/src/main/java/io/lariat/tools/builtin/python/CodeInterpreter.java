package io.lariat.tools.builtin.python;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code code_interpreter} built-in: runs Python with GraalPy inside the JVM, sandboxed and bounded.
 *
 * <p>Thread-safe; create one per application and share it. It owns a shared GraalPy engine (so contexts reuse code
 * caches), a pool of pre-initialised contexts (so only the first session pays GraalPy's start-up), the worker
 * threads that execute cells and the watchdog that enforces {@link PythonLimits}. Each {@link #open()} returns an
 * independent {@link PythonSession}. Guest code has no host file system, network, subprocesses, native code, Java
 * host access or environment variables. Closing the interpreter stops all runs and makes its sessions unusable.
 *
 * <pre>{@code
 * try (CodeInterpreter python = CodeInterpreter.create(); PythonSession session = python.open()) {
 *     session.run("x = 6 * 7");
 *     String content = session.run("x").toToolContent(); // "completed\n[stdout]42[/stdout]"
 * }
 * }</pre>
 */
public final class CodeInterpreter implements AutoCloseable {

    /** Warm contexts kept ready by {@link #create()}. */
    public static final int DEFAULT_WARM_CONTEXTS = 2;

    private static final long WORKER_STACK_BYTES = 16L * 1024 * 1024;

    private final PythonLimits limits;
    private final ContextPool pool;
    private final ResourceWatchdog watchdog;
    private final ExecutorService workers;
    private final CellRunner runner;

    private CodeInterpreter(PythonLimits limits, int warmContexts) {
        this.limits = limits;
        this.watchdog = new ResourceWatchdog();
        // Deep Python recursion needs a deep Java stack in Truffle's interpreter.
        this.workers = Executors.newCachedThreadPool(Thread.ofPlatform().name("lariat-python-run-", 0)
                .daemon().stackSize(WORKER_STACK_BYTES).factory());
        this.pool = new ContextPool(warmContexts, limits.outputBytes());
        this.runner = new CellRunner(limits, watchdog, workers);
    }

    /** An interpreter with {@link PythonLimits#defaults()} and {@value #DEFAULT_WARM_CONTEXTS} warm contexts. */
    public static CodeInterpreter create() {
        return create(PythonLimits.defaults(), DEFAULT_WARM_CONTEXTS);
    }

    /**
     * An interpreter with the given limits that keeps {@code warmContexts} initialised contexts ready. Start-up of the
     * engine happens here; the warm contexts are built in the background.
     *
     * @throws IllegalArgumentException if {@code warmContexts} is negative
     */
    public static CodeInterpreter create(PythonLimits limits, int warmContexts) {
        Objects.requireNonNull(limits, "limits");
        if (warmContexts < 0) {
            throw new IllegalArgumentException("warmContexts must not be negative, got " + warmContexts);
        }
        return new CodeInterpreter(limits, warmContexts);
    }

    /** The limits applied to every run. */
    public PythonLimits limits() {
        return limits;
    }

    /**
     * Opens a new session with empty state. The session takes its context lazily, at its first run.
     *
     * @throws CodeInterpreterException if the interpreter is closed
     */
    public PythonSession open() {
        pool.ensureOpen();
        return new PythonSession(pool, runner);
    }

    /** Stops all runs, closes every context and the engine, and stops the threads; idempotent. */
    @Override
    public void close() {
        pool.close();
        workers.shutdownNow();
        watchdog.close();
    }
}
