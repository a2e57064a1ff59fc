package io.lariat.tools.builtin.python;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The {@code code_interpreter} built-in: runs Python with GraalPy inside the JVM, sandboxed and bounded.
 *
 * <p>Thread-safe; create one per application and share it. It owns a shared GraalPy engine (so contexts reuse code
 * caches), a pool of pre-initialised contexts (so only the first session pays GraalPy's start-up), the worker
 * threads that execute cells and the watchdog that enforces {@link PythonLimits}. Each {@link #open()} returns an
 * independent {@link PythonSession}. Guest code has no host file system, network, subprocesses, threads, native
 * code, Java host access or environment variables, and only GraalPy's standard library (no numpy). Closing the
 * interpreter stops all runs and makes its sessions unusable.
 *
 * <p>Importing a pure-Python module costs GraalPy's interpreter seconds of CPU, which would eat into a run's CPU
 * limit; pooled contexts therefore import {@link #DEFAULT_PRELOADED_MODULES} in the background, and a user's
 * {@code import json} then takes milliseconds.
 *
 * <pre>{@code
 * try (CodeInterpreter python = CodeInterpreter.create(); PythonSession session = python.open()) {
 *     session.run("x = 6 * 7");
 *     String content = session.run("x").toToolContent(); // "completed\n[stdout]42[/stdout]"
 * }
 * }</pre>
 */
public final class CodeInterpreter implements AutoCloseable {

    /** Warm contexts kept ready unless configured otherwise. */
    public static final int DEFAULT_WARM_CONTEXTS = 2;

    /** Standard modules a model commonly imports for calculations and text, preloaded unless configured otherwise. */
    public static final List<String> DEFAULT_PRELOADED_MODULES = List.of("json", "re", "math", "cmath", "datetime",
            "collections", "itertools", "functools", "statistics", "fractions", "decimal", "random", "string",
            "textwrap");

    private static final long WORKER_STACK_BYTES = 16L * 1024 * 1024;

    private final PythonLimits limits;
    private final ContextPool pool;
    private final ResourceWatchdog watchdog;
    private final ExecutorService workers;
    private final CellRunner runner;

    private CodeInterpreter(Builder builder) {
        this.limits = builder.limits;
        this.watchdog = new ResourceWatchdog();
        // Deep Python recursion needs a deep Java stack in Truffle's interpreter.
        this.workers = Executors.newCachedThreadPool(Thread.ofPlatform().name("lariat-python-run-", 0)
                .daemon().stackSize(WORKER_STACK_BYTES).factory());
        this.pool = new ContextPool(builder.warmContexts, limits.outputBytes(), builder.preloadedModules);
        this.runner = new CellRunner(limits, watchdog, workers);
    }

    /** An interpreter with the defaults: {@link PythonLimits#defaults()}, warm contexts and preloaded modules. */
    public static CodeInterpreter create() {
        return builder().build();
    }

    /** An interpreter with the given limits that keeps {@code warmContexts} contexts ready; other options default. */
    public static CodeInterpreter create(PythonLimits limits, int warmContexts) {
        return builder().limits(limits).warmContexts(warmContexts).build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
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

    /** Options for a {@link CodeInterpreter}; not thread-safe, {@link #build()} may be called more than once. */
    public static final class Builder {

        private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*");

        private PythonLimits limits = PythonLimits.defaults();
        private int warmContexts = DEFAULT_WARM_CONTEXTS;
        private List<String> preloadedModules = DEFAULT_PRELOADED_MODULES;

        private Builder() {
        }

        /** The limits applied to every run; default {@link PythonLimits#defaults()}. */
        public Builder limits(PythonLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** How many initialised contexts to keep ready; 0 builds each on demand. */
        public Builder warmContexts(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("warmContexts must not be negative, got " + value);
            }
            this.warmContexts = value;
            return this;
        }

        /** Modules every context imports before its first run; empty for the fastest context start-up. */
        public Builder preloadedModules(List<String> value) {
            for (String module : value) {
                if (!MODULE_NAME.matcher(module).matches()) {
                    throw new IllegalArgumentException("not a Python module name: '" + module + "'");
                }
            }
            this.preloadedModules = List.copyOf(value);
            return this;
        }

        /**
         * Creates the interpreter. The engine starts here; warm contexts are built in the background.
         *
         * @throws CodeInterpreterException if this JVM cannot measure threads, so limits could not be enforced
         */
        public CodeInterpreter build() {
            return new CodeInterpreter(this);
        }
    }
}
