package io.lariat.tools.builtin.python;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures the sandbox through its public API: cold and warm call latency, the time from a limit being crossed to
 * the run stopped and its worker's memory released, and the memory of idle sessions; a bench command, not a test.
 *
 * <p>Run from the tools module with the test classpath, for example
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.lariat.tools.builtin.python.PythonLatencyMain}.
 * Prints one line per figure. CPU-bound runaways cross their limit when the worker has used that much CPU; the line
 * gives the wall time from the call to the result, from the call to the process being reaped (its memory released),
 * and the worker's CPU use past the limit is bounded by the watchdog's 10 ms poll plus the kernel's 10 ms CPU tick.
 */
public final class PythonLatencyMain {

    private static final int SAMPLES = 5;
    private static final Duration WARM_WAIT = Duration.ofMinutes(5);

    private PythonLatencyMain() {
    }

    /**
     * Arguments: {@code latency}, {@code runaways}, {@code close}, {@code idle N...}, or nothing for all (idle with
     * 1, 10 and 50 sessions).
     */
    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        if (what.equals("latency") || what.equals("all")) {
            latency();
        }
        if (what.equals("runaways") || what.equals("all")) {
            runaways();
        }
        if (what.equals("close") || what.equals("all")) {
            closeDuringRunaway(false);
            closeDuringRunaway(true);
        }
        if (what.equals("hoard") || what.equals("all")) {
            hoard(20);
        }
        if (what.equals("idle") || what.equals("all")) {
            int[] counts = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                    : new int[] {1, 10, 50};
            for (int n : counts) {
                idleSessions(n);
            }
        }
    }

    private static void latency() throws InterruptedException {
        long start = System.nanoTime();
        try (CodeInterpreter python = CodeInterpreter.builder().warmWorkers(0).build()) {
            try (PythonSession session = python.open()) {
                session.run("1 + 1");
            }
            print("cold: open + first run(\"1 + 1\"), worker started on demand", millisSince(start));
        }
        try (CodeInterpreter python = CodeInterpreter.builder().warmWorkers(1).build()) {
            print("warm: open + first run(\"1 + 1\")", warmOpenAndRun(python, "1 + 1"));
            print("warm: open + first run(\"import json\"), preloaded", warmOpenAndRun(python, "import json"));
            print("same session: run(\"x = 1 + 1\")", sameSessionRun(python));
        }
    }

    private static double[] warmOpenAndRun(CodeInterpreter python, String code) throws InterruptedException {
        double[] samples = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            python.awaitWarmWorkers(1, WARM_WAIT);
            long t = System.nanoTime();
            try (PythonSession session = python.open()) {
                session.run(code);
            }
            samples[i] = millisSince(t);
        }
        return samples;
    }

    private static double[] sameSessionRun(CodeInterpreter python) {
        double[] samples = new double[SAMPLES * 4];
        try (PythonSession session = python.open()) {
            session.run("x = 0");
            for (int i = 0; i < samples.length; i++) {
                long t = System.nanoTime();
                session.run("x = 1 + 1");
                samples[i] = millisSince(t);
            }
        }
        return samples;
    }

    private static void runaways() throws Exception {
        PythonLimits limits = new PythonLimits(Duration.ofSeconds(1), Duration.ofSeconds(60), 128L << 20, 1024);
        try (CodeInterpreter python = CodeInterpreter.builder().limits(limits).warmWorkers(1)
                .preloadedModules(List.of("hashlib", "math")).build()) {
            for (String code : List.of("import hashlib\nhashlib.pbkdf2_hmac('sha256', b'x', b'y', 10**9)",
                    "7**(10**8)", "import math\nx = math.factorial(10**7)", "x = bytearray(2*10**9)",
                    "x = [0]*10**9", "hoard = []\nwhile True: hoard.append(bytearray(2**20))")) {
                python.awaitWarmWorkers(1, WARM_WAIT);
                try (PythonSession session = python.open()) {
                    session.run("0");
                    ProcessHandle worker = ProcessHandle.of(session.workerPid()).orElseThrow();
                    long t = System.nanoTime();
                    CodeRunResult result = session.run(code);
                    double returned = millisSince(t);
                    worker.onExit().get(1, TimeUnit.MINUTES);
                    double reaped = millisSince(t);
                    System.out.printf("%-50s %-14s returned %7.1f ms, worker reaped %7.1f ms%n",
                            code.replace('\n', ';'), result.error().type(), returned, reaped);
                }
            }
        }
    }

    // What DELETE of a busy session (session.close()) and server shutdown (interpreter.close()) cost while a runaway
    // runs: the time the close call takes, until the caller's run returns, and until the worker is reaped.
    private static void closeDuringRunaway(boolean wholeInterpreter) throws Exception {
        CodeInterpreter python = CodeInterpreter.builder().warmWorkers(1).preloadedModules(List.of("hashlib"))
                .build();
        python.awaitWarmWorkers(1, WARM_WAIT);
        PythonSession session = python.open();
        session.run("0");
        ProcessHandle worker = ProcessHandle.of(session.workerPid()).orElseThrow();
        java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<CodeRunResult> running = caller.submit(
                () -> session.run("import hashlib\nhashlib.pbkdf2_hmac('sha256', b'x', b'y', 10**9)"));
        Thread.sleep(2000);
        long t = System.nanoTime();
        if (wholeInterpreter) {
            python.close();
        } else {
            session.close();
        }
        double closed = millisSince(t);
        String error = running.get().error().type();
        double returned = millisSince(t);
        worker.onExit().get(1, TimeUnit.MINUTES);
        double reaped = millisSince(t);
        System.out.printf("%-50s %-14s close %6.1f ms, run returned %6.1f ms, worker reaped %6.1f ms%n",
                wholeInterpreter ? "interpreter.close() (shutdown) during pbkdf2" : "session.close() (DELETE) during"
                        + " pbkdf2", error, closed, returned, reaped);
        caller.shutdownNow();
        python.close();
    }

    // Sessions that each keep 200 MiB, in workers of 512 MiB of heap within the default budget: those the budget
    // admits keep their data in their own workers; the rest are refused at once; the host's heap does not grow.
    private static void hoard(int sessions) {
        PythonLimits limits = PythonLimits.defaults().withMemoryBytes(512L << 20);
        try (CodeInterpreter python = CodeInterpreter.builder().limits(limits).preloadedModules(List.of()).build()) {
            long heapBefore = liveHeap();
            List<PythonSession> open = new ArrayList<>();
            int kept = 0;
            long rss = 0;
            double slowestRefusal = 0;
            String refusal = "";
            for (int i = 0; i < sessions; i++) {
                PythonSession session = python.open();
                open.add(session);
                long t = System.nanoTime();
                try {
                    CodeRunResult result = session.run("keep = bytearray(200 * 2**20)\nlen(keep) // 2**20");
                    if ("200".equals(result.value())) {
                        kept++;
                        rss += ProcessStats.residentBytes(session.workerPid());
                    } else {
                        System.out.println("session " + i + ": " + result.toToolContent().replace('\n', ' '));
                    }
                } catch (CodeInterpreterException refused) {
                    slowestRefusal = Math.max(slowestRefusal, millisSince(t));
                    refusal = refused.getMessage();
                }
            }
            System.out.printf("%d sessions x 200 MiB (512 MiB workers): %d kept (workers' RSS %.0f MiB), %d refused"
                    + " (slowest refusal %.1f ms: %s), host heap %+.1f MiB%n", sessions, kept, rss / 1048576.0,
                    sessions - kept, slowestRefusal, refusal, (liveHeap() - heapBefore) / 1048576.0);
            open.forEach(PythonSession::close);
        }
    }

    // Resident memory of the workers of n idle sessions, each holding a small variable, and the host's heap growth.
    private static void idleSessions(int n) throws InterruptedException {
        try (CodeInterpreter python = CodeInterpreter.builder().warmWorkers(0).maxWorkers(n)
                .memoryBudget(n * WorkerPool.footprint(PythonLimits.defaults())).build()) {
            long heapBefore = liveHeap();
            List<PythonSession> sessions = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                PythonSession session = python.open();
                session.run("x = " + i);
                sessions.add(session);
            }
            Thread.sleep(2000);
            long rss = 0;
            for (PythonSession session : sessions) {
                rss += ProcessStats.residentBytes(session.workerPid());
            }
            System.out.printf("%d idle sessions: workers' resident memory %.1f MiB (%.1f MiB each), host heap +%.1f"
                    + " MiB%n", n, rss / 1048576.0, rss / 1048576.0 / n, (liveHeap() - heapBefore) / 1048576.0);
            sessions.forEach(PythonSession::close);
        }
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static void print(String what, double millis) {
        System.out.printf("%-65s %9.1f ms%n", what, millis);
    }

    private static void print(String what, double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        System.out.printf("%-65s median %7.1f ms  min %7.1f ms  max %7.1f ms  (n=%d)%n", what,
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
    }
}
