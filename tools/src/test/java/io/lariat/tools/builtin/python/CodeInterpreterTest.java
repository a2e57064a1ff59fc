package io.lariat.tools.builtin.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs real Python through one shared {@link CodeInterpreter}: the worker processes' start-up is paid once for the
 * whole class, except where a test kills a worker. CPU time decides the time-limit tests; the wall limit is generous
 * because the build machine is shared.
 */
class CodeInterpreterTest {

    private static final PythonLimits LIMITS = new PythonLimits(Duration.ofSeconds(3), Duration.ofSeconds(300),
            128L << 20, 1024);
    private static final String MEMORY_STOP = "MemoryError: execution stopped at the memory limit: the session's"
            + " Python objects filled its 128 MiB of memory";
    private static final String PROBE_FILE = "/tmp/lariat-sandbox-probe.txt";

    private static CodeInterpreter python;
    private static PythonSession shared;

    @BeforeAll
    static void startInterpreter() {
        // One tiny preloaded module: each worker then starts seconds sooner than with the default preloads.
        python = CodeInterpreter.builder().limits(LIMITS).warmWorkers(2).preloadedModules(List.of("colorsys"))
                .build();
        shared = python.open();
    }

    @AfterAll
    static void stopInterpreter() {
        shared.close();
        python.close();
    }

    @Test
    void computesTheValueOfAFinalExpression() {
        CodeRunResult result = shared.run("sum(range(10))");
        assertEquals("45", result.value());
        assertNull(result.error());
        assertEquals("completed\n[stdout]45[/stdout]", result.toToolContent());
    }

    @Test
    void usesTheMathModule() {
        assertEquals("2432902008176640000", shared.run("import math\nmath.factorial(20)").value());
        assertEquals("1.4142135623730951", shared.run("import math\nmath.sqrt(2)").value());
    }

    @Test
    void capturesPrintedOutputAndErrorsBesideTheValue() {
        CodeRunResult result = shared.run("import sys\nprint('hello')\nprint('warn', file=sys.stderr)\n6 * 7");
        assertEquals("hello\n", result.stdout());
        assertEquals("warn\n", result.stderr());
        assertEquals("42", result.value());
        assertEquals("completed\n[stdout]hello\n42[/stdout]\n[stderr]warn[/stderr]", result.toToolContent());
    }

    @Test
    void survivesUserCodeThatClosesStdout() {
        try (PythonSession session = python.open()) {
            CodeRunResult result = session.run("import sys\nprint('bye')\nsys.stdout.close()");
            assertNull(result.error());
            assertFalse(result.stateReset());
            assertEquals("3", session.run("1 + 2").value());
        }
    }

    @Test
    void reportsNoValueWhenTheCellEndsInAStatementOrNone() {
        assertNull(shared.run("unused = 1").value());
        assertNull(shared.run("None").value());
        assertEquals("completed", shared.run("print(end='')").toToolContent());
        assertEquals("'text'", shared.run("'text'").value());
    }

    @Test
    void importsPreloadedModulesBeforeTheFirstRunWithoutBindingThem() {
        try (PythonSession session = python.open()) {
            assertEquals("True", session.run("import sys\n'colorsys' in sys.modules").value());
            assertEquals("NameError", session.run("colorsys").error().type());
        }
    }

    @Test
    void keepsStateAcrossRunsLikeANotebook() {
        try (PythonSession session = python.open()) {
            session.run("x = 20");
            session.run("def double(v):\n    return 2 * v");
            assertEquals("42", session.run("double(x) + 2").value());
        }
    }

    @Test
    void reportsExceptionsWithATracebackOfUserFramesOnly() {
        try (PythonSession session = python.open()) {
            CodeRunResult result = session.run("def f():\n    return 1 / 0\nf()");
            assertEquals(new PythonError("ZeroDivisionError", "division by zero", List.of(
                    "Traceback (most recent call last):",
                    "  File \"<cell 1>\", line 3, in <module>",
                    "    f()",
                    "  File \"<cell 1>\", line 2, in f",
                    "    return 1 / 0",
                    "ZeroDivisionError: division by zero")), result.error());
            assertFalse(result.stateReset());
            assertEquals("failed\n[stderr]" + result.error().tracebackText() + "[/stderr]", result.toToolContent());
        }
    }

    @Test
    void quotesEarlierCellsInTracebacks() {
        try (PythonSession session = python.open()) {
            session.run("def fail(message):\n    raise ValueError(message)");
            assertEquals(List.of(
                    "Traceback (most recent call last):",
                    "  File \"<cell 2>\", line 1, in <module>",
                    "    fail('bad input')",
                    "  File \"<cell 1>\", line 2, in fail",
                    "    raise ValueError(message)",
                    "ValueError: bad input"), session.run("fail('bad input')").error().traceback());
        }
    }

    @Test
    void reportsSyntaxErrorsWithTheirPosition() {
        CodeRunResult result = shared.run("x = (");
        assertEquals("SyntaxError", result.error().type());
        assertEquals("'(' was never closed", result.error().message());
        assertTrue(result.error().tracebackText().endsWith("    x = (\n        ^\nSyntaxError: '(' was never closed"),
                result.error().tracebackText());
    }

    @Test
    void collapsesRunawayRecursionInTheTraceback() {
        CodeRunResult result = shared.run("def down(): down()\ndown()");
        assertEquals("RecursionError", result.error().type());
        List<String> lines = result.error().traceback();
        assertTrue(lines.get(lines.size() - 2).matches("  \\[Previous line repeated \\d+ more times]"),
                String.join("\n", lines));
        assertEquals(11, lines.size());
    }

    static Stream<Arguments> sandboxRefusals() {
        return Stream.of(
                Arguments.of("file read", "open('/etc/passwd').read()",
                        "PermissionError", "[Errno 1] Operation not permitted: '/etc/passwd'"),
                Arguments.of("file write", "open('" + PROBE_FILE + "', 'w').write('x')",
                        "PermissionError", "[Errno 1] Operation not permitted: '" + PROBE_FILE + "'"),
                Arguments.of("directory listing", "import os\nos.listdir('/')",
                        "PermissionError", "[Errno 1] Operation not permitted: '/'"),
                Arguments.of("working directory", "import os\nos.getcwd()",
                        "PermissionError", "not permitted in this sandbox (Operation is not allowed for:)"),
                Arguments.of("socket connection", "import socket\nsocket.create_connection(('127.0.0.1', 80))",
                        "PermissionError", "not permitted in this sandbox (getaddrinfo was excluded)"),
                Arguments.of("raw socket", "import socket\nsocket.socket(socket.AF_INET, socket.SOCK_STREAM)",
                        "PermissionError", "not permitted in this sandbox (socket was excluded)"),
                Arguments.of("subprocess", "import subprocess\nsubprocess.run(['ls'])",
                        "PermissionError", "[Errno 1] process creation is not permitted in this sandbox"),
                Arguments.of("os.system", "import os\nos.system('ls')",
                        "PermissionError", "not permitted in this sandbox (Process creation is not allowed)"),
                Arguments.of("threads", "import threading\nthreading.Thread(target=print).start()",
                        "PermissionError", "not permitted in this sandbox (Creating threads is not allowed)"),
                Arguments.of("ctypes", "import ctypes",
                        "ImportError", "cannot import name '_memmove_addr' from '_ctypes' (unknown location)"),
                Arguments.of("java host lookup", "import java\njava.type('java.lang.System')",
                        "NotImplementedError", "host lookup is not allowed"),
                Arguments.of("polyglot eval", "import polyglot\npolyglot.eval(language='js', string='1')",
                        "RuntimeError", "polyglot access is not allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sandboxRefusals")
    void sandboxRefuses(String what, String code, String type, String message) {
        CodeRunResult result = shared.run(code);
        assertEquals(type + ": " + message, result.error().type() + ": " + result.error().message(), what);
        assertFalse(result.stateReset(), "a refusal keeps the session");
        assertFalse(Files.exists(Path.of(PROBE_FILE)), "nothing was written to the host");
    }

    @Test
    void hidesTheHostEnvironment() {
        assertEquals("[]", shared.run("import os\n[k for k in ('PATH', 'HOME', 'JAVA_HOME', 'USER') if k in os.environ]")
                .value());
    }

    @Test
    void stopsAnInfiniteLoopAtTheCpuLimitAndStartsAFreshContext() {
        try (PythonSession session = python.open()) {
            session.run("kept = 1");
            CodeRunResult result = session.run("while True: pass");
            assertTrue(result.timedOut());
            assertTrue(result.stateReset());
            assertEquals(new PythonError("TimeoutError", "execution stopped: it used more than 3 s of CPU time",
                    List.of("TimeoutError: execution stopped: it used more than 3 s of CPU time")), result.error());
            assertEquals("failed\n[stderr]TimeoutError: execution stopped: it used more than 3 s of CPU time\n"
                    + CodeRunResult.RESET_NOTE + "[/stderr]", result.toToolContent());
            assertEquals("NameError", session.run("kept").error().type());
            assertEquals("2", session.run("1 + 1").value());
        }
    }

    @Test
    void stopsAMemoryBombAtTheWorkersHeapLimit() {
        try (PythonSession session = python.open()) {
            CodeRunResult result = session.run("hoard = []\nwhile True:\n    hoard.append(bytearray(8 * 1024 * 1024))");
            assertTrue(result.memoryExceeded(), result::toString);
            assertTrue(result.stateReset());
            assertFalse(result.timedOut());
            assertEquals(MEMORY_STOP, result.error().traceback().getLast());
            assertEquals("[0, 1, 4]", session.run("[i * i for i in range(3)]").value());
        }
    }

    /** One allocation larger than the worker's heap: the worker exits at once, the host's heap never sees it. */
    static Stream<Arguments> singleLargeAllocations() {
        return Stream.of(
                Arguments.of("bytearray", "x = bytearray(512 * 2**20)"),
                Arguments.of("list repetition", "x = [0.0] * (2**31 - 16)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleLargeAllocations")
    void stopsOneAllocationLargerThanTheHeap(String name, String code) {
        try (PythonSession session = python.open()) {
            session.run("kept = 1");
            CodeRunResult result = session.run(code);
            assertTrue(result.memoryExceeded(), result::toString);
            assertTrue(result.stateReset());
            assertEquals("failed\n[stderr]" + MEMORY_STOP + "\n" + CodeRunResult.RESET_NOTE + "[/stderr]",
                    result.toToolContent());
            assertEquals("NameError", session.run("kept").error().type());
        }
    }

    /** Sizes past a Java array's index range: GraalPy refuses them before allocating anything. */
    static Stream<Arguments> sizesBeyondAnIndex() {
        return Stream.of(
                Arguments.of("x = bytearray(4 * 10**9)"),
                Arguments.of("x = 'a' * 10**10"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizesBeyondAnIndex")
    void refusesSizesBeyondAnIndexWithoutAllocating(String code) {
        CodeRunResult result = shared.run(code);
        assertEquals("OverflowError: cannot fit 'int' into an index-sized integer",
                result.error().traceback().getLast());
        assertFalse(result.stateReset());
        assertFalse(result.memoryExceeded());
    }

    @Test
    void capsPrintedOutputAndTheValueRepr() {
        CodeRunResult printed = shared.run("print('a' * 5000)");
        assertTrue(printed.outputTruncated());
        assertEquals(CappedOutput.truncationNote("a".repeat(1024), 1024), printed.stdout());
        CodeRunResult value = shared.run("'b' * 5000");
        assertTrue(value.outputTruncated());
        assertEquals(CappedOutput.truncationNote("'" + "b".repeat(1023), 1024), value.value());
    }

    @Test
    void isolatesConcurrentSessions() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int id = i;
                tasks.add(() -> {
                    try (PythonSession session = python.open()) {
                        session.run("secret = " + id);
                        return session.run("secret * 10").value();
                    }
                });
            }
            List<String> values = new ArrayList<>();
            for (Future<String> future : callers.invokeAll(tasks)) {
                values.add(future.get());
            }
            assertEquals(List.of("0", "10", "20", "30"), values);
        } finally {
            callers.shutdownNow();
        }
        assertEquals("NameError", shared.run("secret").error().type());
    }

    @Test
    void closingASessionStopsItsRunningCell() throws Exception {
        PythonSession session = python.open();
        session.run("ready = True");
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<CodeRunResult> running = caller.submit(() -> session.run("while True: pass"));
            Thread.sleep(300);
            session.close();
            CodeRunResult result = running.get();
            assertEquals("CancelledError", result.error().type());
            assertTrue(result.stateReset());
        } finally {
            caller.shutdownNow();
        }
        CodeInterpreterException e = assertThrows(CodeInterpreterException.class, () -> session.run("1"));
        assertEquals("the Python session is closed", e.getMessage());
    }

    @Test
    void interruptingTheCallerStopsTheRunAndKeepsTheInterrupt() throws Exception {
        PythonSession session = python.open();
        session.run("started = True");
        AtomicReference<CodeRunResult> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = Thread.ofPlatform().start(() -> {
            result.set(session.run("while True: pass"));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        Thread.sleep(300);
        caller.interrupt();
        caller.join();
        assertEquals("CancelledError", result.get().error().type());
        assertTrue(result.get().stateReset());
        assertTrue(stillInterrupted.get());
        assertEquals("7", session.run("3 + 4").value());
        session.close();
    }

    @Test
    void aClosedInterpreterRefusesSessionsAndRuns() {
        CodeInterpreter closed = CodeInterpreter.builder().limits(LIMITS).warmWorkers(0).build();
        PythonSession openedBefore = closed.open();
        closed.close();
        CodeInterpreterException e = assertThrows(CodeInterpreterException.class, closed::open);
        assertEquals("the code interpreter is closed", e.getMessage());
        e = assertThrows(CodeInterpreterException.class, () -> openedBefore.run("1"));
        assertEquals("the code interpreter is closed", e.getMessage());
    }
}
