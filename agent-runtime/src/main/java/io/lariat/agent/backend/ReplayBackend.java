package io.lariat.agent.backend;

import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A backend that plays a script of assistant outputs, for deterministic tests of an agent's wiring without a model.
 *
 * <p>Each {@link #generate} takes the next output of the script (whatever the session), tokenizes it with the
 * model's tokenizer (special-token names such as {@code <|python_tag|>} become their ids) and streams the ids. An
 * output without a final stop token gets {@code <|eot_id|>}. Prefix reuse is counted exactly as the embedded engine
 * would: what a session's cache holds is its last prompt plus the sampled ids before the stop token. Every prompt
 * received is recorded for assertions. Thread-safe.
 */
public final class ReplayBackend implements ModelBackend {
    private final Tokenizer tokenizer;
    private final int contextSize;
    private final Duration tokenDelay;
    private final Deque<String> script;
    private final List<int[]> prompts = new ArrayList<>();
    private final PromptCache cache = new PromptCache();

    /**
     * @param tokenizer   the model's tokenizer
     * @param script      assistant outputs in order, special tokens written by name
     * @param contextSize the context the backend claims, in tokens
     * @param tokenDelay  pause before each token (zero for none; long to simulate a slow or hanging model)
     */
    public ReplayBackend(Tokenizer tokenizer, List<String> script, int contextSize, Duration tokenDelay) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.script = new ArrayDeque<>(script);
        this.contextSize = contextSize;
        this.tokenDelay = Objects.requireNonNull(tokenDelay, "tokenDelay");
    }

    /** A replay with an 8192-token context and no delay. */
    public static ReplayBackend of(Tokenizer tokenizer, String... outputs) {
        return new ReplayBackend(tokenizer, List.of(outputs), 8192, Duration.ZERO);
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int contextSize() {
        return contextSize;
    }

    /** Every prompt received, in order. */
    public synchronized List<int[]> prompts() {
        return prompts.stream().map(int[]::clone).toList();
    }

    /** Outputs of the script not yet played. */
    public synchronized int remaining() {
        return script.size();
    }

    @Override
    public TurnResult generate(TurnRequest request, TokenListener listener) {
        long start = System.nanoTime();
        int[] output = nextOutput(request.promptIds());
        int reused = cache.reusable(request.sessionId(), request.promptIds());
        long prefilled = System.nanoTime();
        int stop = output[output.length - 1];
        int limit = Math.min(output.length, request.maxTokens());
        boolean truncated = limit < output.length;
        CountDownLatch cancelled = new CountDownLatch(1);
        request.cancel().onCancel(cancelled::countDown);
        for (int i = 0; i < limit; i++) {
            pause(cancelled);
            if (request.cancel().cancelled() || !listener.onToken(output[i])) {
                throw new CancellationException("generation cancelled");
            }
        }
        int[] sampled = Arrays.copyOf(output, truncated ? limit : output.length - 1);
        int[] held = Arrays.copyOf(request.promptIds(), request.promptIds().length + sampled.length);
        System.arraycopy(sampled, 0, held, request.promptIds().length, sampled.length);
        cache.store(request.sessionId(), truncated ? Arrays.copyOf(held, held.length - 1) : held);
        long end = System.nanoTime();
        return new TurnResult(sampled, truncated ? -1 : stop, new TurnResult.TurnStats(reused,
                request.promptIds().length - reused, Duration.ofNanos(prefilled - start), limit,
                Duration.ofNanos(end - prefilled)));
    }

    private synchronized int[] nextOutput(int[] prompt) {
        String text = script.pollFirst();
        if (text == null) {
            throw new IllegalStateException("replay script exhausted after " + prompts.size() + " turns");
        }
        prompts.add(prompt.clone());
        int[] ids = tokenizer.encodeWithSpecials(text);
        if (ids.length > 0 && SpecialTokens.isStop(ids[ids.length - 1])) {
            return ids;
        }
        int[] withStop = Arrays.copyOf(ids, ids.length + 1);
        withStop[ids.length] = SpecialTokens.EOT;
        return withStop;
    }

    /** Waits {@code tokenDelay}, returning early when the run is cancelled. */
    private void pause(CountDownLatch cancelled) {
        if (tokenDelay.isZero()) {
            return;
        }
        try {
            cancelled.await(tokenDelay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("generation interrupted");
        }
    }

    @Override
    public void release(String sessionId) {
        cache.remove(sessionId);
    }

    @Override
    public void close() {
        synchronized (this) {
            script.clear();
        }
    }
}
