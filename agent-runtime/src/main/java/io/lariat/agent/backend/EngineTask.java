package io.lariat.agent.backend;

import io.lariat.engine.EngineSession;
import io.lariat.engine.PrefillResult;
import io.lariat.engine.sampling.Sampler;
import io.lariat.engine.sampling.TokenConstraint;
import io.lariat.engine.tokenizer.SpecialTokens;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * One turn on the embedded engine as scheduler steps: the prefill, then one sampled token per step.
 *
 * <p>Stops at eom, eot or end_of_text (spec §11.1: eom is always a stop) or after {@code maxTokens} tokens. The id
 * that ends the turn is not evaluated into the cache (the next prompt carries it), as the engine's own
 * {@code generate} does. The KV cache is acquired at the first step and given back when the task finishes.
 * Confined to the scheduler thread; the result arrives through {@link #result()}.
 */
final class EngineTask implements DecodeTask {
    private final CachePool caches;
    private final TurnRequest request;
    private final TokenListener listener;
    private final Sampler sampler;
    private final TokenConstraint.Matcher matcher;
    private final CompletableFuture<TurnResult> result = new CompletableFuture<>();
    private int[] history;
    private int historyLength;
    private int generated;
    private int stopId = -1;
    private EngineSession session;
    private PrefillResult prefill;
    private long decodeStart;

    EngineTask(CachePool caches, TurnRequest request, TokenListener listener) {
        this.caches = caches;
        this.request = request;
        this.listener = listener;
        this.sampler = new Sampler(request.sampling());
        this.matcher = request.constraint() == null ? null : request.constraint().start();
        int[] prompt = request.promptIds();
        this.history = Arrays.copyOf(prompt, prompt.length + Math.min(request.maxTokens(), 256));
        this.historyLength = prompt.length;
    }

    /** Completes when the task leaves the scheduler; cancelled tasks complete with a CancellationException. */
    CompletableFuture<TurnResult> result() {
        return result;
    }

    @Override
    public boolean step() {
        if (prefill == null) {
            // the cache is taken only once the task holds a slot, so waiting turns hold no memory
            session = caches.acquire(request.sessionId());
            prefill = session.prefill(request.promptIds());
            decodeStart = System.nanoTime();
            return false;
        }
        int id = sampler.sample(session.logits(), history, historyLength, matcher);
        generated++;
        if (!listener.onToken(id)) {
            throw new CancellationException("generation cancelled by its listener");
        }
        if (SpecialTokens.isStop(id)) {
            stopId = id;
            return true;
        }
        if (historyLength == history.length) {
            history = Arrays.copyOf(history, history.length * 2);
        }
        history[historyLength++] = id;
        if (generated >= request.maxTokens()) {
            return true;
        }
        session.append(id);
        return false;
    }

    @Override
    public void finished(Outcome outcome, Throwable failure) {
        if (session != null) {
            caches.giveBack(request.sessionId());
        }
        switch (outcome) {
            case COMPLETED -> result.complete(turnResult());
            case CANCELLED -> result.completeExceptionally(new CancellationException("generation cancelled"));
            case FAILED -> result.completeExceptionally(failure);
        }
    }

    private TurnResult turnResult() {
        int prompt = request.promptIds().length;
        int[] sampled = Arrays.copyOfRange(history, prompt, historyLength);
        return new TurnResult(sampled, stopId, new TurnResult.TurnStats(prefill.reused(), prefill.evaluated(),
                prefill.duration(), generated, Duration.ofNanos(System.nanoTime() - decodeStart)));
    }
}
