package io.lariat.tools.builtin.python;

import java.lang.ref.Cleaner;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A notebook-like Python session: variables, functions and imports persist from one {@link #run(String)} to the
 * next until the session is closed.
 *
 * <p>Thread-safe: concurrent runs on one session are serialised. Each session has its own worker process, taken
 * from the interpreter's warm pool at its first run. {@link #close()} may be called from any thread and returns at
 * once: it kills the worker of a run in progress (which then reports {@code CancelledError}), or returns an idle
 * worker to the pool, which discards the session's state. After a run is stopped by a limit, the worker and the
 * state are gone, the result says so, and the next run starts in a fresh worker. A session that becomes unreachable
 * without being closed has its worker killed by a cleaner, but callers should close sessions themselves.
 */
public final class PythonSession implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create(
            Thread.ofPlatform().name("lariat-python-cleaner").daemon().factory());

    private final WorkerPool pool;
    private final CellRunner runner;
    private final ReentrantLock runLock = new ReentrantLock();
    private final WorkerSlot slot;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;

    PythonSession(WorkerPool pool, CellRunner runner) {
        this.pool = pool;
        this.runner = runner;
        this.slot = new WorkerSlot(pool);
        this.cleanable = CLEANER.register(this, slot);
    }

    /**
     * Runs one cell of Python source. Problems in the code (exceptions, syntax errors, limits exceeded) are reported
     * in the result, never thrown.
     *
     * @throws CodeInterpreterException if the session or its interpreter is closed, or no worker is available
     */
    public CodeRunResult run(String code) {
        Objects.requireNonNull(code, "code");
        runLock.lock();
        try {
            PythonWorker worker = currentWorker();
            WorkerRun run = runner.watch(worker);
            slot.run = run;
            // close() reads slot.run after setting closed; reading closed after setting slot.run means one of the
            // two always sees the other.
            if (closed) {
                run.stop(StopReason.CANCELLED);
            }
            CodeRunResult result = runner.run(run, code);
            slot.run = null;
            if (result.stateReset()) {
                slot.worker = null;
                pool.discard(worker);
            } else if (closed) {
                slot.release();
            }
            return result;
        } finally {
            runLock.unlock();
        }
    }

    private PythonWorker currentWorker() {
        if (closed) {
            throw new CodeInterpreterException("the Python session is closed");
        }
        pool.ensureOpen();
        PythonWorker worker = slot.worker;
        if (worker == null) {
            worker = pool.take();
            slot.worker = worker;
        }
        return worker;
    }

    /** The process id of the session's worker, or -1 while it has none; for tests and benchmarks. */
    long workerPid() {
        PythonWorker worker = slot.worker;
        return worker == null ? -1 : worker.pid();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Discards the session's state, stopping a run in progress; idempotent, and never waits for guest code. */
    @Override
    public void close() {
        closed = true;
        WorkerRun running = slot.run;
        if (running != null) {
            running.stop(StopReason.CANCELLED);
        }
        if (runLock.tryLock()) {
            try {
                cleanable.clean();
            } finally {
                runLock.unlock();
            }
        }
    }

    /** The session's worker, kept apart from the session so the cleaner can give it back. */
    private static final class WorkerSlot implements Runnable {

        private final WorkerPool pool;
        private volatile PythonWorker worker;
        private volatile WorkerRun run;

        WorkerSlot(WorkerPool pool) {
            this.pool = pool;
        }

        /** Returns an idle worker to the pool (its state is discarded there). */
        void release() {
            PythonWorker current = worker;
            worker = null;
            if (current != null) {
                pool.release(current);
            }
        }

        @Override
        public void run() {
            WorkerRun running = run;
            if (running != null) {
                running.stop(StopReason.CANCELLED);
            }
            release();
        }
    }
}
