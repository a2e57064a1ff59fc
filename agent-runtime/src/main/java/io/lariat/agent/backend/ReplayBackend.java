package io.lariat.agent.backend;

import io.lariat.agent.OverloadedException;
import io.lariat.engine.TokenLogprobs;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that plays a script of assistant outputs, for deterministic tests of an agent's wiring without a model.
 *
 * <p>Each {@link #generate} takes the next output of the script (whatever the session), tokenizes it with the
 * model's tokenizer (special-token names such as {@code <|python_tag|>} become their ids) and streams the ids. An
 * output without a final stop token gets {@code <|eot_id|>}. Prefix reuse is counted exactly as the embedded engine
 * would: what a session's cache holds is its last prompt plus the sampled ids before the stop token. Every prompt
 * received is recorded for assertions. With a {@link Queue} it admits turns as a model's scheduler does: at most
 * {@code maxActive} play at once, {@code queueCapacity} more wait, and {@link #generate} refuses any further one at
 * once with {@link OverloadedException}. Thread-safe.
 */
public final class ReplayBackend implements ModelBackend {
    private final Tokenizer tokenizer;
    private final int contextSize;
    private final Duration tokenDelay;
    private final Deque<String> script;
    private final List<int[]> prompts = new ArrayList<>();
    private final PromptCache cache = new PromptCache();
    private final Queue queue;
    private final Semaphore slots;
    private final AtomicInteger admitted = new AtomicInteger();

    /**
     * How many turns a replay admits.
     *
     * @param model         the model name used in overload errors
     * @param maxActive     turns played at once; at least 1
     * @param queueCapacity turns waiting for a slot; at least 0
     */
    public record Queue(String model, int maxActive, int queueCapacity) {
        /** Checks the ranges. */
        public Queue {
            Objects.requireNonNull(model, "model");
            if (maxActive < 1 || queueCapacity < 0) {
                throw new IllegalArgumentException("maxActive must be >= 1 and queueCapacity >= 0");
            }
        }
    }

    /**
     * @param tokenizer   the model's tokenizer
     * @param script      assistant outputs in order, special tokens written by name
     * @param contextSize the context the backend claims, in tokens
     * @param tokenDelay  pause before each token (zero for none; long to simulate a slow or hanging model)
     */
    public ReplayBackend(Tokenizer tokenizer, List<String> script, int contextSize, Duration tokenDelay) {
        this(tokenizer, script, contextSize, tokenDelay, new Queue("replay", Integer.MAX_VALUE, 0));
    }

    /** As the four-argument constructor, admitting turns as {@code queue} says. */
    public ReplayBackend(Tokenizer tokenizer, List<String> script, int contextSize, Duration tokenDelay,
                         Queue queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.slots = new Semaphore(queue.maxActive(), true);
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
        if (request.constraint() != null) {
            throw new IllegalArgumentException("model '" + name() + "' cannot constrain the tokens it samples");
        }
        if (admitted.incrementAndGet() > queue.maxActive() + queue.queueCapacity()) {
            admitted.decrementAndGet();
            throw OverloadedException.queueFull(queue.model(), queue.queueCapacity());
        }
        try {
            awaitSlot(request.cancel());
            try {
                return play(request, listener);
            } finally {
                slots.release();
            }
        } finally {
            admitted.decrementAndGet();
        }
    }

    /** A script reports log-probability 0 for each token it plays: it is certain of it. */
    @Override
    public boolean reportsLogprobs() {
        return true;
    }

    @Override
    public int queuedTurns() {
        return Math.max(0, admitted.get() - (queue.maxActive() - slots.availablePermits()));
    }

    private TurnResult play(TurnRequest request, TokenListener listener) {
        long start = System.nanoTime();
        int[] output = nextOutput(request.promptIds());
        int reused = cache.reusable(request.sessionId(), request.promptIds());
        long prefilled = System.nanoTime();
        int limit = Math.min(output.length, request.maxTokens());
        CountDownLatch cancelled = new CountDownLatch(1);
        request.cancel().onCancel(cancelled::countDown);
        int played = 0;
        while (played < limit) {
            pause(cancelled);
            if (request.cancel().cancelled()) {
                throw new CancellationException("generation cancelled");
            }
            if (request.logprobs() >= 0) {
                // a script is certain of its next token: probability 1, and no other id is possible
                listener.onLogprobs(new TokenLogprobs(output[played], 0f, request.logprobs() == 0 ? List.of()
                        : List.of(new TokenLogprobs.Alternative(output[played], 0f))));
            }
            if (!listener.onToken(output[played++])) {
                break;
            }
        }
        boolean complete = played == output.length;
        int[] sampled = Arrays.copyOf(output, complete ? output.length - 1 : played);
        int[] held = Arrays.copyOf(request.promptIds(), request.promptIds().length + sampled.length);
        System.arraycopy(sampled, 0, held, request.promptIds().length, sampled.length);
        // the id that ends a turn early is not evaluated into the cache, as in the engine
        cache.store(request.sessionId(), complete ? held : Arrays.copyOf(held, held.length - 1));
        long end = System.nanoTime();
        return new TurnResult(sampled, complete ? output[output.length - 1] : -1, new TurnResult.TurnStats(reused,
                request.promptIds().length - reused, Duration.ofNanos(prefilled - start), played,
                Duration.ofNanos(end - prefilled)));
    }

    /** Waits for a slot, polling so that a cancelled run stops waiting at once. */
    private void awaitSlot(CancelSignal cancel) {
        try {
            while (!slots.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                if (cancel.cancelled()) {
                    throw new CancellationException("cancelled while queued: " + cancel.reason());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while queued");
        }
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
