package io.lariat.tools.builtin.python;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * One sandboxed GraalPy context with its captured streams and the cell runner defined by {@code prelude.py}.
 *
 * <p>Not thread-safe: a worker process runs one cell at a time. The sandbox is GraalVM's {@link SandboxPolicy#CONSTRAINED} policy with no I/O at all: no host files,
 * sockets, processes, native code, host classes, polyglot evaluation or environment variables.
 */
final class PooledContext implements AutoCloseable {

    private final Context context;
    private final CappedOutput stdout;
    private final CappedOutput stderr;
    private final Value runner;

    private PooledContext(Context context, CappedOutput stdout, CappedOutput stderr, Value runner) {
        this.context = context;
        this.stdout = stdout;
        this.stderr = stderr;
        this.runner = runner;
    }

    /**
     * Creates and initialises a context on the shared engine, importing {@code modules} so that user code finds them
     * in {@code sys.modules}; this is the slow part a warm pool hides.
     *
     * @throws CodeInterpreterException if the context cannot be initialised or a module cannot be imported
     */
    static PooledContext create(Engine engine, Source prelude, int outputBytes, List<String> modules) {
        CappedOutput stdout = new CappedOutput(outputBytes);
        CappedOutput stderr = new CappedOutput(outputBytes);
        Context context = Context.newBuilder("python")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .allowIO(IOAccess.NONE)
                .in(InputStream.nullInputStream())
                .out(stdout)
                .err(stderr)
                .build();
        try {
            Value runner = context.eval(prelude);
            preload(context, modules);
            stdout.reset();
            stderr.reset();
            return new PooledContext(context, stdout, stderr, runner);
        } catch (RuntimeException e) {
            context.close(true);
            if (e instanceof CodeInterpreterException known) {
                throw known;
            }
            throw new CodeInterpreterException("could not initialise a Python context: " + e.getMessage(), e);
        }
    }

    private static void preload(Context context, List<String> modules) {
        Value importModule = context.getBindings("python").getMember("__builtins__").getMember("__import__");
        for (String module : modules) {
            try {
                importModule.execute(module);
            } catch (PolyglotException e) {
                throw new CodeInterpreterException("cannot preload Python module '" + module + "': "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs one cell. Guest exceptions come back as {@link GuestOutcome.Raised}; sandbox refusals and internal
     * failures propagate as {@link org.graalvm.polyglot.PolyglotException} or {@link IllegalStateException}.
     */
    GuestOutcome execute(String code, int reprCap) {
        stdout.reset();
        stderr.reset();
        Value outcome = runner.execute(code, reprCap);
        String kind = outcome.getArrayElement(0).asString();
        if (kind.equals("ok")) {
            Value repr = outcome.getArrayElement(1);
            return new GuestOutcome.Completed(repr.isNull() ? null : repr.asString());
        }
        String traceback = outcome.getArrayElement(3).asString();
        List<String> lines = Arrays.asList(traceback.split("\n", -1));
        return new GuestOutcome.Raised(new PythonError(outcome.getArrayElement(1).asString(),
                outcome.getArrayElement(2).asString(), lines));
    }

    CappedOutput stdout() {
        return stdout;
    }

    CappedOutput stderr() {
        return stderr;
    }

    @Override
    public void close() {
        try {
            context.close(true);
        } catch (RuntimeException alreadyClosing) {
            // A context left broken by a crash may refuse to close; the worker is discarded then anyway.
        }
    }
}
