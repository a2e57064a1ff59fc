package io.lariat.agent.backend;

import io.lariat.engine.EngineSession;
import io.lariat.engine.Generation;
import io.lariat.engine.GenerationRequest;
import io.lariat.engine.GenerationResult;
import io.lariat.engine.GenerationStats;
import io.lariat.engine.StopReason;
import io.lariat.engine.TokenLogprobs;
import io.lariat.engine.TokenSink;

import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * One turn on the embedded engine as a scheduler task: an engine {@link Generation} that the scheduler's batch step
 * advances together with the other active turns.
 *
 * <p>The engine's one stop-token rule applies: the listener hears every sampled id, the stop id included (eom, eot
 * or end_of_text; spec §11.1: eom is always a stop), and the id that ends the turn is never evaluated into the
 * cache (the next prompt carries it). A listener returning false, like a full context, ends the turn as the token
 * limit does ({@link TurnResult#stopId()} -1), with its ids and statistics. The KV cache is acquired when the task starts (once it
 * holds a slot, so waiting turns hold no memory) and given back when it finishes. Confined to the scheduler thread;
 * the result arrives through {@link #result()}.
 */
final class EngineTask implements DecodeTask {
    private static final Logger LOG = Logger.getLogger(EngineTask.class);
    private final CachePool caches;
    private final TurnRequest request;
    private final TokenListener listener;
    private final CompletableFuture<TurnResult> result = new CompletableFuture<>();
    private EngineSession session;
    private Generation generation;

    EngineTask(CachePool caches, TurnRequest request, TokenListener listener) {
        this.caches = caches;
        this.request = request;
        this.listener = listener;
    }

    /** Completes when the task leaves the scheduler; cancelled tasks complete with a CancellationException. */
    CompletableFuture<TurnResult> result() {
        return result;
    }

    /** The engine generation, once started. */
    Generation generation() {
        return generation;
    }

    @Override
    public void start() {
        session = caches.acquire(request.sessionId());
        GenerationRequest engineRequest = GenerationRequest.builder(request.promptIds())
                .sampling(request.sampling()).maxTokens(request.maxTokens()).constraint(request.constraint())
                .logprobs(request.logprobs()).build();
        generation = session.start(engineRequest, new TokenSink() {
            @Override
            public boolean onToken(int tokenId) {
                return listener.onToken(tokenId);
            }

            @Override
            public void onLogprobs(TokenLogprobs logprobs) {
                listener.onLogprobs(logprobs);
            }
        });
    }

    @Override
    public boolean done() {
        return generation.done();
    }

    @Override
    public void finished(Outcome outcome, Throwable failure) {
        if (session != null) {
            if (outcome == Outcome.COMPLETED) {
                keepPrefix();
            }
            caches.giveBack(request.sessionId());
        }
        switch (outcome) {
            case COMPLETED -> complete();
            case CANCELLED -> result.completeExceptionally(new CancellationException("generation cancelled"));
            case FAILED -> result.completeExceptionally(failure);
        }
    }

    // the agent's system prompt and tools go to the prefix folder once, so the next run starts with them evaluated
    private void keepPrefix() {
        if (request.fixedPrefix() > 0 && session.cachedIds().length >= request.fixedPrefix()) {
            try {
                session.persistPrefix(request.fixedPrefix());
            } catch (UncheckedIOException e) {
                // a cache that cannot be written costs the next run time, never this turn its answer
                LOG.warnf("agent prefix not kept on disk: %s", e.getMessage());
            }
        }
    }

    private void complete() {
        GenerationResult done;
        try {
            done = generation.result();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        // a listener returning false ends the turn like the token limit (TokenListener); a cancelled ticket never
        // gets here
        int stopId = done.stopReason() instanceof StopReason.StopToken stop ? stop.tokenId() : -1;
        GenerationStats s = done.stats();
        result.complete(new TurnResult(done.generatedIds(), stopId, new TurnResult.TurnStats(s.promptTokensReused(),
                s.promptTokensEvaluated(), s.promptEval(), s.generatedTokens(), s.eval())));
    }
}
