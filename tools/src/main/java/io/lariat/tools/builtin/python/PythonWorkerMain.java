package io.lariat.tools.builtin.python;

import io.lariat.tools.builtin.python.WorkerProtocol.Kind;
import io.lariat.tools.builtin.python.WorkerProtocol.Operation;
import io.lariat.tools.builtin.python.WorkerProtocol.Reply;
import io.lariat.tools.builtin.python.WorkerProtocol.Request;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;

/**
 * The main class of a Python worker process: one GraalPy context at a time, driven by {@link WorkerProtocol} frames
 * on stdin and stdout. Started by the host's {@link WorkerCommand}, never by users.
 *
 * <p>The worker is trusted code; the guest code it runs is not, and gets GraalVM's constrained sandbox with no I/O.
 * The host enforces every limit from outside (heap via {@code -Xmx}, the JVM exiting on {@code OutOfMemoryError},
 * address space and CPU via rlimits, time by killing the process), so nothing here needs to stop a run itself.
 *
 * <p>Arguments: the per-stream output cap in bytes, then the modules to preload, comma-separated (may be empty).
 */
public final class PythonWorkerMain {

    private static final String PRELUDE = "prelude.py";
    // Deep Python recursion needs a deep Java stack in Truffle's interpreter.
    private static final long STACK_BYTES = 16L * 1024 * 1024;
    private static final long PARENT_POLL_MILLIS = 500;

    private final InputStream in;
    private final OutputStream out;
    private final int outputBytes;
    private final List<String> modules;
    private final Engine engine;
    private final Source prelude;

    private PythonWorkerMain(InputStream in, OutputStream out, int outputBytes, List<String> modules) {
        this.in = in;
        this.out = out;
        this.outputBytes = outputBytes;
        this.modules = modules;
        this.prelude = Source.newBuilder("python", readPrelude(), "<lariat-prelude>").buildLiteral();
        this.engine = Engine.newBuilder("python")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                // On a stock JDK Truffle interprets without runtime compilation; the warning is noise.
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }

    /** Serves requests until stdin closes; the exit status is 0 then, 1 if no context could be prepared. */
    public static void main(String[] args) throws InterruptedException {
        // Only protocol frames may reach the real stdout: anything else printed (by libraries, the JVM) goes to stderr.
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        int outputBytes = Integer.parseInt(args[0]);
        List<String> modules = args.length < 2 || args[1].isEmpty() ? List.of() : Arrays.asList(args[1].split(","));
        watchParent();
        int[] status = {1};
        Thread serving = Thread.ofPlatform().name("lariat-python").stackSize(STACK_BYTES).start(() -> {
            status[0] = new PythonWorkerMain(new BufferedInputStream(System.in), protocol, outputBytes, modules).serve();
        });
        serving.join();
        System.exit(status[0]);
    }

    // A host that dies without closing the worker (SIGKILL, a crash) leaves it to init; a run in progress must not
    // go on burning CPU for nobody, so the worker halts within a second of losing its parent.
    private static void watchParent() {
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        Thread.ofPlatform().name("lariat-python-parent").daemon().start(() -> {
            while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == parent) {
                try {
                    Thread.sleep(PARENT_POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(1);
        });
    }

    private int serve() {
        try {
            WorkerProtocol.warmUp();
            PooledContext context = prepare();
            if (context == null) {
                return 1;
            }
            while (true) {
                Request request = WorkerProtocol.read(in, Request.class);
                if (request.op() == Operation.RESET) {
                    context.close();
                    context = prepare();
                    if (context == null) {
                        return 1;
                    }
                } else {
                    WorkerProtocol.write(out, run(context, request));
                }
            }
        } catch (EOFException hostGone) {
            return 0;
        } catch (IOException e) {
            return 1;
        }
    }

    // A fresh context with the preloads imported, announced with READY; null (after a FAILED reply) if impossible.
    private PooledContext prepare() throws IOException {
        try {
            PooledContext context = PooledContext.create(engine, prelude, outputBytes, modules);
            WorkerProtocol.write(out, Reply.ready());
            return context;
        } catch (CodeInterpreterException e) {
            WorkerProtocol.write(out, Reply.failed(e.getMessage()));
            return null;
        }
    }

    private static Reply run(PooledContext context, Request request) {
        GuestOutcome outcome;
        try {
            outcome = context.execute(request.code(), request.reprCap());
        } catch (PolyglotException e) {
            outcome = SandboxRefusal.from(e).<GuestOutcome>map(GuestOutcome.Raised::new)
                    .orElseGet(() -> new GuestOutcome.Crashed(e.isInternalError()
                            ? "internal error in the Python runtime" : "the Python runtime stopped the run"));
        } catch (IllegalStateException e) {
            outcome = new GuestOutcome.Crashed("internal error in the Python runtime");
        }
        String stdout = context.stdout().text();
        String stderr = context.stderr().text();
        boolean truncated = context.stdout().truncated() || context.stderr().truncated();
        return switch (outcome) {
            case GuestOutcome.Completed(String repr) ->
                    new Reply(Kind.COMPLETED, repr, null, null, null, stdout, stderr, truncated, null);
            case GuestOutcome.Raised(PythonError error) -> new Reply(Kind.RAISED, null, error.type(),
                    error.message(), error.traceback(), stdout, stderr, truncated, null);
            case GuestOutcome.Crashed(String problem) ->
                    new Reply(Kind.CRASHED, null, null, null, null, stdout, stderr, truncated, problem);
        };
    }

    private static String readPrelude() {
        try (InputStream resource = PythonWorkerMain.class.getResourceAsStream(PRELUDE)) {
            if (resource == null) {
                throw new CodeInterpreterException("missing resource " + PRELUDE);
            }
            return new String(resource.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CodeInterpreterException("cannot read resource " + PRELUDE, e);
        }
    }
}
