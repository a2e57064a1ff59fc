package io.lariat.tools.builtin.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runaways of the red-team report, each with small limits: the run is stopped, its worker process is killed (its
 * memory released), the result says the state is gone and names no Java class, and the next call works. The
 * {@code @Timeout}s guard against hangs (the bug these tests reproduce), not speed.
 */
class RunawayTest {

    private static final PythonLimits LIMITS = new PythonLimits(Duration.ofSeconds(1), Duration.ofSeconds(60),
            128L << 20, 1024);
    private static final String CPU_STOP = "TimeoutError: execution stopped: it used more than 1 s of CPU time";
    private static final String MEMORY_STOP = "MemoryError: execution stopped at the memory limit: the session's"
            + " Python objects filled its 128 MiB of memory";

    private static CodeInterpreter python;

    @BeforeAll
    static void start() {
        python = CodeInterpreter.builder().limits(LIMITS).warmWorkers(1).preloadedModules(List.of()).build();
    }

    @AfterAll
    static void stop() {
        python.close();
    }

    static Stream<Arguments> runaways() {
        return Stream.of(
                Arguments.of("import hashlib\nhashlib.pbkdf2_hmac('sha256', b'x', b'y', 10**9)", CPU_STOP),
                Arguments.of("7**(10**8)", CPU_STOP),
                Arguments.of("import math\nx = math.factorial(10**7)", CPU_STOP),
                Arguments.of("x = bytearray(2*10**9)", MEMORY_STOP),
                Arguments.of("x = [0]*10**9", MEMORY_STOP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runaways")
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void stopsTheRunKillsTheWorkerAndServesTheNextCall(String code, String error) throws Exception {
        try (PythonSession session = python.open()) {
            assertEquals("2", session.run("kept = 2\nkept").value());
            ProcessHandle worker = ProcessHandle.of(session.workerPid()).orElseThrow();
            CodeRunResult result = session.run(code);
            assertEquals("failed\n[stderr]" + error + "\n" + CodeRunResult.RESET_NOTE + "[/stderr]",
                    result.toToolContent());
            assertTrue(result.stateReset());
            worker.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(worker.isAlive());
            assertEquals("NameError", session.run("kept").error().type());
            assertEquals("42", session.run("6 * 7").value());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void closingTheSessionKillsARunningWorkerWithoutWaitingForIt() throws Exception {
        PythonSession session = python.open();
        session.run("ready = True");
        ProcessHandle worker = ProcessHandle.of(session.workerPid()).orElseThrow();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<CodeRunResult> running = caller.submit(
                    () -> session.run("import hashlib\nhashlib.pbkdf2_hmac('sha256', b'x', b'y', 10**9)"));
            Thread.sleep(300);
            session.close();
            assertEquals("CancelledError", running.get().error().type());
            worker.onExit().get(10, TimeUnit.SECONDS);
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void closingTheInterpreterKillsEveryWorker() throws Exception {
        CodeInterpreter own = CodeInterpreter.builder().limits(LIMITS).warmWorkers(1).preloadedModules(List.of())
                .build();
        PythonSession session = own.open();
        session.run("x = 1");
        ProcessHandle worker = ProcessHandle.of(session.workerPid()).orElseThrow();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<CodeRunResult> running = caller.submit(() -> session.run("7**(10**8)"));
            Thread.sleep(300);
            own.close();
            assertEquals("CancelledError", running.get().error().type());
            worker.onExit().get(10, TimeUnit.SECONDS);
            assertEquals(0, own.liveWorkers());
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theBudgetCapsWorkersAndSaysWhichSettingToChange() {
        try (CodeInterpreter small = CodeInterpreter.builder().limits(LIMITS).warmWorkers(0).maxWorkers(1)
                .preloadedModules(List.of()).build();
             PythonSession first = small.open(); PythonSession second = small.open()) {
            assertEquals("40", first.run("keep = bytearray(40 * 2**20)\nlen(keep) // 2**20").value());
            CodeInterpreterException e = assertThrows(CodeInterpreterException.class, () -> second.run("1"));
            assertEquals("no Python worker is free: all 1 allowed (lariat.python.max-workers) are in use by other"
                    + " sessions; try again when one ends", e.getMessage());
            first.close();
            assertEquals("NameError", second.run("keep").error().type());
            assertEquals(1, small.liveWorkers());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aSingleRunsWarmWorkerIsLentAndNotReplaced() throws Exception {
        try (CodeInterpreter once = CodeInterpreter.builder().limits(LIMITS).warmWorkers(1)
                .replenishWarmWorkers(false).preloadedModules(List.of()).build()) {
            assertTrue(once.awaitWarmWorkers(1, Duration.ofMinutes(5)));
            try (PythonSession session = once.open()) {
                assertEquals("2", session.run("1 + 1").value());
                assertEquals(1, once.liveWorkers());
            }
        }
    }

    @Test
    void theMemoryBudgetCountsHeapAndRuntime() {
        long footprint = LIMITS.memoryBytes() + WorkerCommand.RESIDENT_NATIVE_BYTES;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodeInterpreter.builder()
                .limits(LIMITS).memoryBudget(footprint - 1).build());
        assertEquals("memoryBudget must hold at least one worker (288 MiB: its heap plus 160 MiB of runtime), got"
                + " 287 MiB", e.getMessage());
        assertEquals("no Python worker is free: 3 workers of 288 MiB each use the memory budget of 1000 MiB"
                + " (lariat.python.memory); try again when a session ends",
                new WorkerBudget(8, 1000L << 20).exhaustedMessage(3, footprint));
        assertTrue(new WorkerBudget(8, 1000L << 20).admits(3, footprint));
        assertFalse(new WorkerBudget(8, 1000L << 20).admits(4, footprint));
        assertFalse(new WorkerBudget(2, 1000L << 20).admits(3, footprint));
    }

    @Test
    void hidesHostDetails() {
        try (PythonSession session = python.open()) {
            String home = System.getProperty("user.home");
            assertEquals("False", session.run("import sys\nany(" + pythonString(home) + " in p for p in sys.path)")
                    .value());
            assertEquals("('', '')", session.run("import os\n(os.uname().release, os.uname().version)").value());
            long hostPid = ProcessHandle.current().pid();
            assertNotEquals(Long.toString(hostPid), session.run("import os\nos.getpid()").value());
            assertEquals("False", session.run("import os\n" + pythonString(home) + " == os.path.expanduser('~')")
                    .value());
        }
    }

    private static String pythonString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
