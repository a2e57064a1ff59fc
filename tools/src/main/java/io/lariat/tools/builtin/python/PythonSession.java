package io.lariat.tools.builtin.python;

import java.lang.ref.Cleaner;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A notebook-like Python session: variables, functions and imports persist from one {@link #run(String)} to the
 * next until the session is closed.
 *
 * <p>Thread-safe: concurrent runs on one session are serialised. {@link #close()} may be called from any thread; it
 * stops a run in progress (which then reports {@code CancelledError}) and discards the state. Sessions are isolated
 * from each other: each owns its own GraalPy context. After a run is stopped by a limit the state is lost, the result
 * says so, and the next run starts in a fresh context. A session that becomes unreachable without being closed has
 * its context closed by a cleaner, but callers should close sessions themselves.
 */
public final class PythonSession implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create(
            Thread.ofPlatform().name("lariat-python-cleaner").daemon().factory());

    private final ContextPool pool;
    private final CellRunner runner;
    private final ReentrantLock runLock = new ReentrantLock();
    private final ContextSlot slot = new ContextSlot();
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;

    PythonSession(ContextPool pool, CellRunner runner) {
        this.pool = pool;
        this.runner = runner;
        this.cleanable = CLEANER.register(this, slot);
    }

    /**
     * Runs one cell of Python source. Problems in the code (exceptions, syntax errors, limits exceeded) are reported
     * in the result, never thrown.
     *
     * @throws CodeInterpreterException if the session or its interpreter is closed, or no context can be created
     */
    public CodeRunResult run(String code) {
        Objects.requireNonNull(code, "code");
        runLock.lock();
        try {
            PooledContext current = currentContext();
            CodeRunResult result = runner.run(current, code);
            if (result.stateReset() || closed) {
                current.close();
                slot.context = null;
            }
            return result;
        } finally {
            runLock.unlock();
        }
    }

    private PooledContext currentContext() {
        if (closed) {
            throw new CodeInterpreterException("the Python session is closed");
        }
        PooledContext current = slot.context;
        if (current == null) {
            current = pool.take();
            slot.context = current;
        }
        return current;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Discards the session's state, stopping a run in progress; idempotent. */
    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }

    /** The session's current context, kept apart from the session so the cleaner can close it. */
    private static final class ContextSlot implements Runnable {

        private volatile PooledContext context;

        @Override
        public void run() {
            PooledContext current = context;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
