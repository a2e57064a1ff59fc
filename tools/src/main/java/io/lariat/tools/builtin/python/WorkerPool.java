package io.lariat.tools.builtin.python;

import io.lariat.tools.builtin.python.WorkerProtocol.Kind;
import io.lariat.tools.builtin.python.WorkerProtocol.Operation;
import io.lariat.tools.builtin.python.WorkerProtocol.Reply;
import io.lariat.tools.builtin.python.WorkerProtocol.Request;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The worker processes of one interpreter: idle ones kept warm (started, stdlib preloaded), one lent to each active
 * session, all within a {@link WorkerBudget}.
 *
 * <p>Thread-safe. {@link #take()} lends a warm worker, waiting for one being prepared or starting one when the budget
 * allows, and fails with a clear message when it does not. A session that ends {@link #release(PythonWorker) returns}
 * its worker, which discards the session's context and prepares a fresh one before it is lent again; a worker that
 * was stopped is {@link #discard(PythonWorker) discarded}. Closing kills every worker without waiting.
 */
final class WorkerPool implements AutoCloseable {

    /** How long a session waits for a worker to start (GraalPy's start-up, preloads included). */
    static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final WorkerCommand command;
    private final PythonLimits limits;
    private final List<String> preloadedModules;
    private final boolean replenish;
    private final WorkerBudget budget;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<PythonWorker> idle = new ArrayDeque<>();
    private final Set<PythonWorker> live = new HashSet<>();
    private int preparing;
    private int waiting;
    private int failures;
    private String lastFailure = "";
    private int warmTarget;
    private boolean closed;

    /**
     * A pool that keeps {@code warmTarget} workers ready; with {@code replenish} false, the warm workers started
     * now are lent to the first sessions and not replaced (a single run, such as the CLI's, needs no more).
     */
    WorkerPool(WorkerCommand command, PythonLimits limits, List<String> preloadedModules, int warmTarget,
               boolean replenish, WorkerBudget budget) {
        this.command = command;
        this.limits = limits;
        this.preloadedModules = List.copyOf(preloadedModules);
        this.warmTarget = warmTarget;
        this.replenish = replenish;
        this.budget = budget;
        lock.lock();
        try {
            refill();
        } finally {
            lock.unlock();
        }
    }

    /** Throws if the pool was closed. */
    void ensureOpen() {
        if (closed) {
            throw new CodeInterpreterException("the code interpreter is closed");
        }
    }

    /**
     * A ready worker for the caller's exclusive use, to be returned with {@link #release} or {@link #discard}.
     *
     * @throws CodeInterpreterException if the budget allows no further worker, or none could be started
     */
    PythonWorker take() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        PythonWorker worker = null;
        lock.lock();
        waiting++;
        try {
            int failuresBefore = failures;
            while (true) {
                ensureOpen();
                worker = idle.pollFirst();
                if (worker != null) {
                    return worker;
                }
                if (failures > failuresBefore && preparing == 0) {
                    throw new CodeInterpreterException(lastFailure);
                }
                if (preparing < waiting && fits()) {
                    launch();
                } else if (preparing == 0) {
                    throw new CodeInterpreterException(budget.exhaustedMessage(live.size(), footprint()));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new CodeInterpreterException("no Python worker started within " + START_TIMEOUT.toSeconds()
                            + " s");
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodeInterpreterException("interrupted while waiting for a Python worker", e);
        } finally {
            waiting--;
            if (worker != null) {
                if (!replenish) {
                    warmTarget = Math.max(0, warmTarget - 1);
                }
                refill();
            }
            lock.unlock();
        }
    }

    /** Takes back a worker whose session ended normally: it resets its context and becomes warm again. */
    void release(PythonWorker worker) {
        lock.lock();
        try {
            if (closed || !worker.isAlive() || idle.size() + preparing - waiting >= warmTarget) {
                forget(worker);
                return;
            }
            preparing++;
            worker.send(new Request(Operation.RESET, null, 0)).whenComplete((reply, failure) -> prepared(worker,
                    reply, failure));
        } finally {
            lock.unlock();
        }
    }

    /** Kills a worker that was stopped or crashed, and starts a warm replacement if the pool is short. */
    void discard(PythonWorker worker) {
        lock.lock();
        try {
            forget(worker);
            refill();
        } finally {
            lock.unlock();
        }
    }

    private void forget(PythonWorker worker) {
        worker.kill();
        live.remove(worker);
        changed.signalAll();
    }

    private boolean fits() {
        return !closed && budget.admits(live.size() + 1, footprint());
    }

    private long footprint() {
        return footprint(limits);
    }

    /** Memory one worker counts against the budget: its heap plus the JVM's own resident memory. */
    static long footprint(PythonLimits limits) {
        return limits.memoryBytes() + WorkerCommand.RESIDENT_NATIVE_BYTES;
    }

    private void refill() {
        while (idle.size() + preparing - waiting < warmTarget && fits()) {
            launch();
        }
    }

    private void launch() {
        PythonWorker worker;
        try {
            worker = PythonWorker.start(command.arguments(limits.memoryBytes(), limits.outputBytes(),
                    preloadedModules), footprint());
        } catch (CodeInterpreterException e) {
            failures++;
            lastFailure = e.getMessage();
            changed.signalAll();
            return;
        }
        live.add(worker);
        preparing++;
        worker.ready().whenComplete((reply, failure) -> prepared(worker, reply, failure));
    }

    // Called on the worker's reader thread when it announces a fresh context, or fails to.
    private void prepared(PythonWorker worker, Reply reply, Throwable failure) {
        lock.lock();
        try {
            preparing--;
            if (failure == null && reply.kind() == Kind.READY && !closed) {
                idle.addLast(worker);
            } else {
                if (!closed) {
                    failures++;
                    lastFailure = failureMessage(worker, reply);
                }
                forget(worker);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static String failureMessage(PythonWorker worker, Reply reply) {
        if (reply != null && reply.kind() == Kind.FAILED) {
            return reply.problem();
        }
        String tail = worker.stderrTail();
        return "the Python worker process could not start" + (tail.isEmpty() ? "" : ": " + tail.lines()
                .filter(line -> !line.startsWith("WARNING")).findFirst().orElse(tail.lines().findFirst().orElse("")));
    }

    /** Workers alive now, lent, idle or being prepared. */
    int liveWorkers() {
        lock.lock();
        try {
            return live.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} until {@code count} workers are idle; for tests and benchmarks. */
    boolean awaitIdle(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (idle.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Kills every worker with {@code SIGKILL} and returns at once. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            live.forEach(PythonWorker::kill);
            live.clear();
            idle.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
