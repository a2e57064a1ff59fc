package io.lariat.tools.builtin.python;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A notebook-like Python session: variables, functions and imports persist from one {@link #run(String)} to the
 * next until the session is closed.
 *
 * <p>Thread-safe: concurrent runs on one session are serialised. {@link #close()} may be called from any thread; it
 * stops a run in progress (which then reports {@code CancelledError}) and discards the state. Sessions are isolated
 * from each other: each owns its own GraalPy context. After a run is stopped by a limit the state is lost, the result
 * says so, and the next run starts in a fresh context.
 */
public final class PythonSession implements AutoCloseable {

    private final ContextPool pool;
    private final CellRunner runner;
    private final ReentrantLock runLock = new ReentrantLock();
    private volatile PooledContext context;
    private volatile boolean closed;

    PythonSession(ContextPool pool, CellRunner runner) {
        this.pool = pool;
        this.runner = runner;
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
                context = null;
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
        PooledContext current = context;
        if (current == null) {
            current = pool.take();
            context = current;
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
        PooledContext current = context;
        if (current != null) {
            current.cancel();
        }
    }
}
