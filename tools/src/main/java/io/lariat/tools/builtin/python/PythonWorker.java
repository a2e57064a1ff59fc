package io.lariat.tools.builtin.python;

import io.lariat.tools.builtin.python.WorkerProtocol.Kind;
import io.lariat.tools.builtin.python.WorkerProtocol.Reply;
import io.lariat.tools.builtin.python.WorkerProtocol.Request;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host's handle on one worker process: sends requests, receives replies on its own reader thread, and kills.
 *
 * <p>Thread-safe. At most one request is outstanding at a time (the pool and the owning session ensure it). A reply
 * completes the future returned by {@link #send(Request)}; when the process ends first, that future fails with a
 * {@link WorkerExitedException} carrying its exit status. {@link #kill()} sends {@code SIGKILL} and returns at once.
 */
final class PythonWorker {

    private static final int STDERR_TAIL_BYTES = 2048;
    // A worker that exits by itself (out of heap) is reaped in milliseconds on an idle machine; a loaded one needs
    // longer, and without the status the result could not say which limit ended the run.
    private static final long REAP_WAIT_MILLIS = 15_000;
    /** How long a worker whose output ended may take to exit by itself before it is killed. */
    private static final long EXIT_GRACE_MILLIS = 500;

    private final Process process;
    private final long footprintBytes;
    private final OutputStream requests;
    private final AtomicReference<CompletableFuture<Reply>> pending = new AtomicReference<>(new CompletableFuture<>());
    private final StringBuffer stderrTail = new StringBuffer();
    // Set by the reader thread once the worker's stdout ended, before it fails the pending request; send() checks
    // it after installing its own request, so a request sent to a dead worker never waits forever.
    private volatile WorkerExitedException exited;

    private PythonWorker(Process process, long footprintBytes) {
        this.process = process;
        this.footprintBytes = footprintBytes;
        this.requests = process.getOutputStream();
    }

    /**
     * Starts a worker process; its first reply, {@code READY} or {@code FAILED}, completes {@link #ready()}.
     *
     * @throws CodeInterpreterException if the process cannot be started at all
     */
    static PythonWorker start(List<String> command, long footprintBytes) {
        ProcessBuilder builder = new ProcessBuilder(command);
        // The worker needs none of the host's environment (API keys included); fewer malloc arenas keep its address
        // space small under the address-space limit.
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("MALLOC_ARENA_MAX", "2");
        environment.put("LANG", "C.UTF-8");
        builder.directory(new java.io.File(System.getProperty("java.io.tmpdir")));
        try {
            PythonWorker worker = new PythonWorker(builder.start(), footprintBytes);
            worker.startThreads();
            return worker;
        } catch (IOException e) {
            throw new CodeInterpreterException("cannot start a Python worker process: " + e.getMessage(), e);
        }
    }

    private void startThreads() {
        Thread.ofPlatform().name("lariat-python-reader-" + process.pid()).daemon().start(this::readReplies);
        Thread.ofPlatform().name("lariat-python-stderr-" + process.pid()).daemon().start(this::drainStderr);
    }

    /** The start-up reply: {@code READY}, or {@code FAILED} with the problem. */
    CompletableFuture<Reply> ready() {
        return pending.get();
    }

    /** Sends a request; the future completes with its reply, or fails if the worker dies or was killed. */
    CompletableFuture<Reply> send(Request request) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.set(reply);
        try {
            WorkerProtocol.write(requests, request);
        } catch (IOException gone) {
            // The worker is dead or dying; the reader thread reports its exit with the status.
            kill();
        }
        WorkerExitedException ended = exited;
        if (ended != null) {
            reply.completeExceptionally(ended);
        }
        return reply;
    }

    /** Fails the outstanding request at once (the run was stopped by the host), without waiting for the exit. */
    void abandon(Throwable reason) {
        pending.get().completeExceptionally(reason);
    }

    /** Sends {@code SIGKILL}; returns without waiting for the process to exit. */
    void kill() {
        process.destroyForcibly();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the process used so far, all threads, in nanoseconds; -1 once it is gone. */
    long cpuNanos() {
        return ProcessStats.cpuNanos(process.toHandle());
    }

    /** The memory this worker counts against the interpreter's budget. */
    long footprintBytes() {
        return footprintBytes;
    }

    /** Completes when the process has exited and the kernel has released its memory. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The last lines the worker wrote to stderr, for diagnosing a worker that would not start. */
    String stderrTail() {
        return stderrTail.toString().strip();
    }

    private void readReplies() {
        try (InputStream in = new BufferedInputStream(process.getInputStream())) {
            while (true) {
                Reply reply = WorkerProtocol.read(in, Reply.class);
                pending.get().complete(reply);
                if (reply.kind() == Kind.FAILED) {
                    kill();
                }
            }
        } catch (IOException endOfStream) {
            // The worker exited or was killed: give it a moment to finish exiting on its own, so that its status
            // tells the reason (killing it at once raced a JVM exiting on OutOfMemoryError, whose status 3 then read
            // as SIGKILL's 137), then make sure it is gone and wait briefly for the status.
            awaitExit(EXIT_GRACE_MILLIS);
            kill();
            exited = new WorkerExitedException(exitStatus());
            pending.get().completeExceptionally(exited);
        }
    }

    private void awaitExit(long millis) {
        try {
            process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int exitStatus() {
        try {
            return process.waitFor(REAP_WAIT_MILLIS, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void drainStderr() {
        byte[] buffer = new byte[1024];
        try (InputStream err = process.getErrorStream()) {
            for (int n; (n = err.read(buffer)) >= 0; ) {
                stderrTail.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                if (stderrTail.length() > STDERR_TAIL_BYTES) {
                    stderrTail.delete(0, stderrTail.length() - STDERR_TAIL_BYTES);
                }
            }
        } catch (IOException gone) {
            // The process is gone; what was read is kept.
        }
    }

    /** The worker process ended before answering; {@code status} is its exit status, -1 if unknown. */
    static final class WorkerExitedException extends Exception {

        /** Status of a JVM that exited on {@code OutOfMemoryError} ({@code -XX:+ExitOnOutOfMemoryError}). */
        static final int OUT_OF_MEMORY = 3;
        /** Status of a process killed by {@code SIGXCPU}, the kernel's CPU-time limit. */
        static final int CPU_LIMIT_SIGNAL = 128 + 24;

        private final int status;

        WorkerExitedException(int status) {
            super("the Python worker exited with status " + status, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
