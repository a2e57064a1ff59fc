package io.lariat.tools.builtin.python;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures GraalPy's cold start and warm call latency through the public API; a bench command, not a test.
 *
 * <p>Run from the tools module with the test classpath, for example
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.lariat.tools.builtin.python.PythonLatencyMain}.
 * Prints one line per figure, in milliseconds.
 */
public final class PythonLatencyMain {

    private static final int SAMPLES = 5;
    private static final long PAUSE_MILLIS = 10_000;

    private PythonLatencyMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long start = System.nanoTime();
        try (CodeInterpreter python = CodeInterpreter.create()) {
            print("interpreter created (engine)", millisSince(start));
            long first = System.nanoTime();
            try (PythonSession session = python.open()) {
                session.run("1 + 1");
            }
            print("cold: first open + run(\"1 + 1\"), default preloads", millisSince(first));
            print("pooled: open + first run(\"1 + 1\")", warmOpenAndRun(python, "1 + 1"));
            print("pooled: open + first run(\"import json\"), preloaded", warmOpenAndRun(python, "import json"));
            print("same session: run(\"x = 1 + 1\")", sameSessionRun(python));
            System.out.printf("%-65s %9.1f MiB%n", "retained heap per idle session", heapPerSession(python));
        }
        try (CodeInterpreter bare = CodeInterpreter.builder().warmContexts(0).preloadedModules(List.of()).build()) {
            bare.open().run("0");
            print("no pool, no preloads: open + first run (context creation)", warmOpenAndRun(bare, "1 + 1"));
            print("no pool, no preloads: open + first run(\"import json\")", warmOpenAndRun(bare, "import json"));
        }
    }

    // Pauses between samples so the pool has refilled (preloads included), as it would between an agent's sessions.
    private static double[] warmOpenAndRun(CodeInterpreter python, String code) throws InterruptedException {
        double[] samples = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            Thread.sleep(PAUSE_MILLIS);
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

    // Heap after a full collection, before and after opening sessions that each hold a used context.
    private static double heapPerSession(CodeInterpreter python) {
        int count = 8;
        long before = liveHeap();
        List<PythonSession> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PythonSession session = python.open();
            session.run("x = " + i);
            sessions.add(session);
        }
        double perSession = (liveHeap() - before) / (double) count / (1 << 20);
        sessions.forEach(PythonSession::close);
        return perSession;
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
