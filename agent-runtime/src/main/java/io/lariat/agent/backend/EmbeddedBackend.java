package io.lariat.agent.backend;

import io.lariat.engine.Generation;
import io.lariat.engine.LlamaEngine;
import io.lariat.engine.tokenizer.Tokenizer;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * The default backend: the model running in this JVM, its concurrent turns batched by one {@link DecodeScheduler}
 * (continuous batching: each scheduler step is one forward pass for every active turn, see
 * {@link LlamaEngine#step}).
 *
 * <p>Admission: at most {@code maxActive} turns run; up to {@code queueCapacity} more wait; beyond that
 * {@link #generate} throws {@link io.lariat.agent.OverloadedException} synchronously, before any token. While other
 * turns are decoding, a new prompt is evaluated {@code prefillChunk} tokens per step between their tokens; alone, in
 * batches of the engine's batch size. Each conversation keeps its own engine session (KV cache). At most
 * {@code maxResidentCaches} caches are kept; beyond that the least recently used idle one is freed, and its
 * conversation is rebuilt by re-prefill when it comes back. {@link #generate} blocks the calling (virtual) thread
 * until its turn is done; the model work runs on the scheduler thread, a constraint's one-off work
 * ({@link io.lariat.engine.sampling.TokenConstraint#prepare}) on the calling thread before admission. Thread-safe.
 * Closing it closes the engine.
 */
public final class EmbeddedBackend implements ModelBackend {
    private final String name;
    private final LlamaEngine engine;
    private final int contextSize;
    private final DecodeScheduler<EngineTask> scheduler;
    private final CachePool caches;

    /**
     * @param name     the model's name
     * @param engine   the loaded engine; owned by the backend from now on
     * @param settings context size, scheduler slots, queue and cache limits
     */
    public EmbeddedBackend(String name, LlamaEngine engine, EmbeddedSettings settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.contextSize = Math.min(settings.contextSize(), engine.config().contextLength());
        int chunk = settings.prefillChunk();
        this.scheduler = new DecodeScheduler<>(name, settings.maxActive(), settings.queueCapacity(),
                tasks -> step(engine, tasks, chunk));
        this.caches = new CachePool(engine, contextSize, settings.maxResidentCaches());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Tokenizer tokenizer() {
        return engine.tokenizer();
    }

    @Override
    public int contextSize() {
        return contextSize;
    }

    /** The engine, for statistics such as its load time. */
    public LlamaEngine engine() {
        return engine;
    }

    /** KV caches currently held. */
    public int residentCaches() {
        return caches.size();
    }

    /** Turns holding a scheduler slot. */
    int activeTurns() {
        return scheduler.activeCount();
    }

    @Override
    public TurnResult generate(TurnRequest request, TokenListener listener) {
        if (request.constraint() != null) {
            // the vocabulary trie and first masks (0.2-0.4 s the first time) on this thread, not the scheduler's
            request.constraint().prepare();
        }
        EngineTask task = new EngineTask(caches, request, listener);
        DecodeScheduler.Ticket ticket = scheduler.submit(task);
        request.cancel().onCancel(ticket::cancel);
        try {
            return task.result().get();
        } catch (InterruptedException e) {
            ticket.cancel();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while generating");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** One batched step; a prompt alone gets whole batches, beside decoding turns chunks of {@code chunk}. */
    private static void step(LlamaEngine engine, List<EngineTask> tasks, int chunk) {
        List<Generation> generations = tasks.stream().map(EngineTask::generation).toList();
        boolean decoding = generations.stream().anyMatch(g -> !g.done() && !g.prefilling());
        engine.step(generations, decoding ? Math.min(chunk, engine.options().batchSize())
                : engine.options().batchSize());
    }

    @Override
    public int queuedTurns() {
        return scheduler.waitingCount();
    }

    @Override
    public boolean constrainsTokens() {
        return true;
    }

    @Override
    public boolean reportsLogprobs() {
        return true;
    }

    @Override
    public void release(String sessionId) {
        caches.release(sessionId);
    }

    @Override
    public void close() {
        scheduler.close();
        caches.close();
        engine.close();
    }
}
