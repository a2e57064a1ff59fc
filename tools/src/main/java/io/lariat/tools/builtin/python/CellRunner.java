package io.lariat.tools.builtin.python;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.graalvm.polyglot.PolyglotException;

/**
 * Executes cells on the interpreter's worker threads under the watchdog and turns each outcome into a
 * {@link CodeRunResult}.
 *
 * <p>Thread-safe and stateless apart from its collaborators. Runs never execute on the caller's thread: the
 * watchdog needs a platform thread to measure, and a caller that is interrupted can stop the run and still return.
 */
final class CellRunner {

    private final PythonLimits limits;
    private final ResourceWatchdog watchdog;
    private final ExecutorService workers;

    CellRunner(PythonLimits limits, ResourceWatchdog watchdog, ExecutorService workers) {
        this.limits = limits;
        this.watchdog = watchdog;
        this.workers = workers;
    }

    /**
     * Runs {@code code} in {@code context}. When the result has {@code stateReset}, the context is unusable and the
     * caller must close it.
     *
     * @throws CodeInterpreterException if the interpreter was closed
     */
    CodeRunResult run(PooledContext context, String code) {
        long start = System.nanoTime();
        Future<GuestOutcome> future;
        try {
            future = workers.submit(() -> execute(context, code));
        } catch (RejectedExecutionException e) {
            throw new CodeInterpreterException("the code interpreter is closed", e);
        }
        GuestOutcome outcome = await(context, future);
        return toResult(context, outcome, Duration.ofNanos(System.nanoTime() - start));
    }

    private GuestOutcome execute(PooledContext context, String code) {
        RunMonitor monitor = watchdog.watchCurrentThread(limits, context::cancel);
        try {
            GuestOutcome outcome = context.execute(code, limits.outputBytes());
            StopReason stopped = watchdog.finish(monitor);
            return stopped == null ? outcome : new GuestOutcome.Stopped(stopped);
        } catch (PolyglotException | IllegalStateException e) {
            StopReason stopped = monitor.finish();
            if (stopped != null) {
                return new GuestOutcome.Stopped(stopped);
            }
            return unexpected(e, context);
        } finally {
            watchdog.release(monitor);
        }
    }

    private static GuestOutcome unexpected(RuntimeException e, PooledContext context) {
        // A cancellation nobody asked the monitor for comes from the session being closed or the caller interrupted,
        // possibly before the cell even started.
        if (context.cancelled() || e instanceof PolyglotException p && p.isCancelled()) {
            return new GuestOutcome.Stopped(StopReason.CANCELLED);
        }
        if (e instanceof PolyglotException p) {
            var refusal = SandboxRefusal.from(p);
            if (refusal.isPresent()) {
                return new GuestOutcome.Raised(refusal.get());
            }
        }
        return new GuestOutcome.Crashed(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    // An interrupted caller (a tool timeout, a client gone) stops the run, then waits for the worker to let go.
    private static GuestOutcome await(PooledContext context, Future<GuestOutcome> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    context.cancel();
                } catch (ExecutionException e) {
                    return new GuestOutcome.Crashed(String.valueOf(e.getCause()));
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private CodeRunResult toResult(PooledContext context, GuestOutcome outcome, Duration elapsed) {
        String stdout = context.stdout().text();
        String stderr = context.stderr().text();
        boolean truncated = context.stdout().truncated() || context.stderr().truncated();
        return switch (outcome) {
            case GuestOutcome.Completed(String repr) -> {
                boolean cut = repr != null && repr.length() > limits.outputBytes();
                String value = cut ? CappedOutput.truncationNote(repr.substring(0, limits.outputBytes()),
                        limits.outputBytes()) : repr;
                yield new CodeRunResult(stdout, stderr, value, null, false, false, truncated || cut, false,
                        elapsed);
            }
            // GraalPy turns a Java OutOfMemoryError into MemoryError; the context may be inconsistent after one.
            case GuestOutcome.Raised(PythonError error) when error.type().equals("MemoryError") ->
                    new CodeRunResult(stdout, stderr, null, explained(error), false, true, truncated, true, elapsed);
            case GuestOutcome.Raised(PythonError error) ->
                    new CodeRunResult(stdout, stderr, null, error, false, false, truncated, false, elapsed);
            case GuestOutcome.Stopped(StopReason reason) -> new CodeRunResult(stdout, stderr, null,
                    stopError(reason), reason == StopReason.CPU_TIME || reason == StopReason.WALL_TIME,
                    reason == StopReason.MEMORY || reason == StopReason.ALLOCATION, truncated, true, elapsed);
            case GuestOutcome.Crashed(String description) -> new CodeRunResult(stdout, stderr, null,
                    line("InternalError", "the Python runtime failed: " + description), false, false, truncated,
                    true, elapsed);
        };
    }

    /**
     * A bare {@code MemoryError} is the JVM refusing one allocation larger than its free heap (GraalPy raises it with
     * no message); it gets a message that names the limit, keeping the traceback's frames.
     */
    private PythonError explained(PythonError error) {
        if (!error.message().isEmpty()) {
            return error;
        }
        String message = "memory limit: one allocation needed more memory than the interpreter can have (a run may"
                + " keep at most " + mebibytes(limits.memoryBytes()) + ")";
        List<String> lines = new ArrayList<>(error.traceback().subList(0, error.traceback().size() - 1));
        lines.add("MemoryError: " + message);
        return new PythonError("MemoryError", message, lines);
    }

    private PythonError stopError(StopReason reason) {
        return switch (reason) {
            case CPU_TIME -> line("TimeoutError",
                    "execution stopped: it used more than " + human(limits.cpuTime()) + " of CPU time");
            case WALL_TIME -> line("TimeoutError",
                    "execution stopped: it ran for more than " + human(limits.wallTime()));
            case MEMORY -> line("MemoryError", "execution stopped at the memory limit: it used more than "
                    + mebibytes(limits.memoryBytes()) + " of memory");
            case ALLOCATION -> line("MemoryError", "execution stopped at the allocation limit: it allocated more than "
                    + mebibytes(limits.allocationBytes()) + " in total");
            case CANCELLED -> line("CancelledError", "execution was cancelled");
        };
    }

    private static PythonError line(String type, String message) {
        return new PythonError(type, message, List.of(type + ": " + message));
    }

    private static String mebibytes(long bytes) {
        return bytes / (1024 * 1024) + " MiB";
    }

    private static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
