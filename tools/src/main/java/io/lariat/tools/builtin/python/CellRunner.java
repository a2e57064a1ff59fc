package io.lariat.tools.builtin.python;

import io.lariat.tools.builtin.python.PythonWorker.WorkerExitedException;
import io.lariat.tools.builtin.python.WorkerProtocol.Operation;
import io.lariat.tools.builtin.python.WorkerProtocol.Reply;
import io.lariat.tools.builtin.python.WorkerProtocol.Request;
import io.lariat.tools.builtin.python.WorkerRun.StoppedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Sends cells to workers under the watchdog and turns each reply, or the worker's end, into a {@link CodeRunResult}.
 *
 * <p>Thread-safe and stateless apart from its collaborators. The caller waits only for the reply or the stop: a
 * stopped run returns as soon as the watchdog (or a closing session, or the caller's interrupt) stops it, never
 * waiting for guest code or for the killed process to exit.
 */
final class CellRunner {

    private final PythonLimits limits;
    private final WorkerWatchdog watchdog;

    CellRunner(PythonLimits limits, WorkerWatchdog watchdog) {
        this.limits = limits;
        this.watchdog = watchdog;
    }

    /** Starts watching a run on {@code worker}; pass it to {@link #run}. Separate so a session can stop it. */
    WorkerRun watch(PythonWorker worker) {
        return watchdog.watch(worker, limits);
    }

    /** Runs {@code code}. When the result has {@code stateReset}, the worker is gone and must be discarded. */
    CodeRunResult run(WorkerRun run, String code) {
        long start = System.nanoTime();
        try {
            CompletableFuture<Reply> reply = run.worker().send(new Request(Operation.RUN, code, limits.outputBytes()));
            Reply answer = await(run, reply);
            StopReason stopped = run.finish();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return stopped != null ? stopped(stopped, elapsed) : completed(answer, elapsed);
        } catch (ExecutionException e) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            StopReason reason = run.finish();
            return stopped(reason != null ? reason : reasonOf(e.getCause()), elapsed);
        } finally {
            watchdog.release(run);
        }
    }

    // An interrupted caller (a tool timeout, a client gone) stops the run, which completes the reply at once.
    private static Reply await(WorkerRun run, CompletableFuture<Reply> reply) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return reply.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    run.stop(StopReason.CANCELLED);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static StopReason reasonOf(Throwable failure) {
        return switch (failure) {
            case StoppedException stopped -> stopped.reason();
            case WorkerExitedException exited when exited.status() == WorkerExitedException.OUT_OF_MEMORY ->
                    StopReason.MEMORY;
            case WorkerExitedException exited when exited.status() == WorkerExitedException.CPU_LIMIT_SIGNAL ->
                    StopReason.CPU_TIME;
            default -> StopReason.WORKER_LOST;
        };
    }

    private CodeRunResult completed(Reply reply, Duration elapsed) {
        String stdout = reply.stdout();
        String stderr = reply.stderr();
        boolean truncated = reply.outputTruncated();
        return switch (reply.kind()) {
            case COMPLETED -> {
                String repr = reply.repr();
                boolean cut = repr != null && repr.length() > limits.outputBytes();
                String value = cut ? CappedOutput.truncationNote(repr.substring(0, limits.outputBytes()),
                        limits.outputBytes()) : repr;
                yield new CodeRunResult(stdout, stderr, value, null, false, false, truncated || cut, false, elapsed);
            }
            case RAISED -> new CodeRunResult(stdout, stderr, null, new PythonError(reply.errorType(),
                    reply.errorMessage(), reply.traceback()), false, false, truncated, false, elapsed);
            case CRASHED, READY, FAILED -> new CodeRunResult(stdout, stderr, null, line("InternalError",
                    "the Python runtime failed: " + reply.problem()), false, false, truncated, true, elapsed);
        };
    }

    private CodeRunResult stopped(StopReason reason, Duration elapsed) {
        return new CodeRunResult("", "", null, stopError(reason),
                reason == StopReason.CPU_TIME || reason == StopReason.WALL_TIME, reason == StopReason.MEMORY, false,
                true, elapsed);
    }

    private PythonError stopError(StopReason reason) {
        return switch (reason) {
            case CPU_TIME -> line("TimeoutError",
                    "execution stopped: it used more than " + human(limits.cpuTime()) + " of CPU time");
            case WALL_TIME -> line("TimeoutError",
                    "execution stopped: it ran for more than " + human(limits.wallTime()));
            case MEMORY -> line("MemoryError", "execution stopped at the memory limit: the session's Python objects"
                    + " filled its " + mebibytes(limits.memoryBytes()) + " of memory");
            case CANCELLED -> line("CancelledError", "execution was cancelled");
            case WORKER_LOST -> line("InternalError", "the Python worker process ended unexpectedly");
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
