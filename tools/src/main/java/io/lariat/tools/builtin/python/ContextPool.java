package io.lariat.tools.builtin.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;

/**
 * The shared GraalPy engine plus a queue of initialised contexts kept ready, so only the first session pays
 * GraalPy's start-up.
 *
 * <p>Thread-safe. {@link #take()} returns a warm context when one is ready (and asks for a replacement in the
 * background), otherwise creates one on the caller's thread. The shared engine lets contexts reuse parsed and cached
 * code.
 */
final class ContextPool implements AutoCloseable {

    private static final String PRELUDE = "prelude.py";
    private static final long POLL_MILLIS = 50;

    private final Engine engine;
    private final Source prelude;
    private final int warmSize;
    private final int outputBytes;
    private final List<String> preloadedModules;
    private final BlockingQueue<PooledContext> warm = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final ExecutorService refiller = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("lariat-python-pool").daemon().factory());
    private volatile boolean closed;

    ContextPool(int warmSize, int outputBytes, List<String> preloadedModules) {
        this.warmSize = warmSize;
        this.outputBytes = outputBytes;
        this.preloadedModules = List.copyOf(preloadedModules);
        this.prelude = Source.newBuilder("python", readPrelude(), "<lariat-prelude>").buildLiteral();
        this.engine = Engine.newBuilder("python")
                .sandbox(SandboxPolicy.CONSTRAINED)
                // Engine-level diagnostics must not reach the host's stdout; guest streams are per context.
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                // On a stock JDK Truffle interprets without runtime compilation; the warning is noise.
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        refill();
    }

    /** Throws if the pool was closed. */
    void ensureOpen() {
        if (closed) {
            throw new CodeInterpreterException("the code interpreter is closed");
        }
    }

    /**
     * A ready context for exclusive use by the caller, who must close it. Waits for a context already being built
     * rather than building a competing one, and builds one on the caller's thread only when none is under way.
     */
    PooledContext take() {
        ensureOpen();
        PooledContext context = warm.poll();
        try {
            while (context == null && pending.get() > 0 && !closed) {
                context = warm.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodeInterpreterException("interrupted while waiting for a Python context", e);
        }
        refill();
        return context != null ? context : PooledContext.create(engine, prelude, outputBytes, preloadedModules);
    }

    private void refill() {
        while (!closed && warm.size() + pending.get() < warmSize) {
            pending.incrementAndGet();
            refiller.execute(this::createOne);
        }
    }

    private void createOne() {
        try {
            if (!closed) {
                warm.add(PooledContext.create(engine, prelude, outputBytes, preloadedModules));
            }
        } catch (CodeInterpreterException e) {
            // Nobody waits on this thread: take() builds a context itself when none arrives, and reports that
            // failure to its caller. A pool closed mid-build also lands here, by design.
        } finally {
            pending.decrementAndGet();
        }
        // A pool closed while the context was being built must not leak it.
        if (closed) {
            drain();
        }
    }

    private void drain() {
        for (PooledContext context; (context = warm.poll()) != null; ) {
            context.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        refiller.shutdownNow();
        drain();
        engine.close(true);
    }

    private static String readPrelude() {
        try (InputStream in = ContextPool.class.getResourceAsStream(PRELUDE)) {
            if (in == null) {
                throw new CodeInterpreterException("missing resource " + PRELUDE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CodeInterpreterException("cannot read resource " + PRELUDE, e);
        }
    }
}
