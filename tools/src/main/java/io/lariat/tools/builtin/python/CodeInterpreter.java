package io.lariat.tools.builtin.python;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code code_interpreter} built-in: runs Python with GraalPy in separate worker processes, sandboxed and bounded.
 *
 * <p>Thread-safe; create one per application and share it. Each {@link #open()} returns an independent
 * {@link PythonSession}, which at its first run takes a worker process of its own: a JVM hosting one GraalPy context,
 * with a hard heap limit, OS limits on address space and CPU time, and a host watchdog that kills it with
 * {@code SIGKILL} when a run passes its {@link PythonLimits}. The host therefore never waits on guest code, and no
 * guest allocation can touch the host's heap. Workers are kept warm in a pool (started, standard modules preloaded)
 * and reused when a session ends, after discarding its state; all workers together stay within a budget of count
 * and memory. Guest code has no host file system, network, subprocesses, threads, native code, Java host access or
 * environment variables, and only GraalPy's standard library (no numpy). Closing the interpreter kills every worker
 * and makes its sessions unusable.
 *
 * <p>Importing a pure-Python module costs GraalPy's interpreter seconds of CPU, which would eat into a run's CPU
 * limit; warm workers therefore import {@link #DEFAULT_PRELOADED_MODULES} before they are lent, and a user's
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

    /** Warm workers kept ready unless configured otherwise. */
    public static final int DEFAULT_WARM_WORKERS = 2;

    /** Worker processes allowed at once unless configured otherwise. */
    public static final int DEFAULT_MAX_WORKERS = 8;

    /** Memory all workers together may count unless configured otherwise: 4 GiB. */
    public static final long DEFAULT_MEMORY_BUDGET = 4096L * 1024 * 1024;

    /** Standard modules a model commonly imports for calculations and text, preloaded unless configured otherwise. */
    public static final List<String> DEFAULT_PRELOADED_MODULES = List.of("json", "re", "math", "cmath", "datetime",
            "collections", "itertools", "functools", "statistics", "fractions", "decimal", "random", "string",
            "textwrap");

    private final PythonLimits limits;
    private final WorkerPool pool;
    private final WorkerWatchdog watchdog;
    private final CellRunner runner;

    private CodeInterpreter(Builder builder) {
        this.limits = builder.limits;
        WorkerBudget budget = new WorkerBudget(builder.maxWorkers, builder.memoryBudget);
        budget.checkFits(WorkerPool.footprint(limits));
        this.watchdog = new WorkerWatchdog();
        this.pool = new WorkerPool(WorkerCommand.forThisJvm(), limits, builder.preloadedModules,
                builder.warmWorkers, builder.replenish, budget);
        this.runner = new CellRunner(limits, watchdog);
    }

    /** An interpreter with the defaults: {@link PythonLimits#defaults()}, warm workers, budget and preloads. */
    public static CodeInterpreter create() {
        return builder().build();
    }

    /** An interpreter with the given limits that keeps {@code warmWorkers} workers ready; other options default. */
    public static CodeInterpreter create(PythonLimits limits, int warmWorkers) {
        return builder().limits(limits).warmWorkers(warmWorkers).build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The limits applied to every session. */
    public PythonLimits limits() {
        return limits;
    }

    /**
     * Opens a new session with empty state. The session takes its worker lazily, at its first run.
     *
     * @throws CodeInterpreterException if the interpreter is closed
     */
    public PythonSession open() {
        pool.ensureOpen();
        return new PythonSession(pool, runner);
    }

    /** Worker processes alive now: lent to sessions, idle, or being prepared. */
    public int liveWorkers() {
        return pool.liveWorkers();
    }

    /** Waits until {@code count} warm workers are idle, or {@code timeout} passes; for benchmarks and tests. */
    public boolean awaitWarmWorkers(int count, Duration timeout) throws InterruptedException {
        return pool.awaitIdle(count, timeout);
    }

    /** Stops every run (as cancelled) and kills every worker, without waiting for either; idempotent. */
    @Override
    public void close() {
        watchdog.close();
        pool.close();
    }

    /** Options for a {@link CodeInterpreter}; not thread-safe, {@link #build()} may be called more than once. */
    public static final class Builder {

        private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*");

        private PythonLimits limits = PythonLimits.defaults();
        private int warmWorkers = DEFAULT_WARM_WORKERS;
        private boolean replenish = true;
        private int maxWorkers = DEFAULT_MAX_WORKERS;
        private long memoryBudget = DEFAULT_MEMORY_BUDGET;
        private List<String> preloadedModules = DEFAULT_PRELOADED_MODULES;

        private Builder() {
        }

        /** The limits applied to every session; default {@link PythonLimits#defaults()}. */
        public Builder limits(PythonLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** How many started workers to keep ready; 0 starts each on demand. */
        public Builder warmWorkers(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("warmWorkers must not be negative, got " + value);
            }
            this.warmWorkers = value;
            return this;
        }

        /**
         * Whether a warm worker lent to a session is replaced by a new one (the default, for servers); false for a
         * single run, such as the CLI's, whose warm workers only start ahead of its first calls.
         */
        public Builder replenishWarmWorkers(boolean value) {
            this.replenish = value;
            return this;
        }

        /** Worker processes allowed at once, warm ones included; default 8. */
        public Builder maxWorkers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxWorkers must be at least 1, got " + value);
            }
            this.maxWorkers = value;
            return this;
        }

        /**
         * Memory all workers together may count, each counting its heap ({@link PythonLimits#memoryBytes()}) plus
         * the JVM's own resident memory; default 4 GiB.
         */
        public Builder memoryBudget(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("memoryBudget must be positive, got " + bytes);
            }
            this.memoryBudget = bytes;
            return this;
        }

        /** Modules every worker imports before it is lent; empty for the fastest worker start-up. */
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
         * Creates the interpreter; warm workers start in the background.
         *
         * @throws IllegalArgumentException if the memory budget cannot hold even one worker
         */
        public CodeInterpreter build() {
            return new CodeInterpreter(this);
        }
    }
}
