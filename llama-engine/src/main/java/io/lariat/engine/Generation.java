package io.lariat.engine;

import io.lariat.engine.model.BatchPlan;
import io.lariat.engine.sampling.Sampler;
import io.lariat.engine.sampling.TokenConstraint;
import java.time.Duration;
import java.util.Arrays;

/**
 * One generation in progress on an {@link EngineSession}, advanced by {@link LlamaEngine#step}: first its prompt is
 * evaluated in chunks, then each step samples one id and evaluates it. Everything that decodes goes through this
 * class, so there is one stop-token rule:
 *
 * <ul>
 *   <li>every sampled id goes to the {@link TokenSink} in order, a stop id included;</li>
 *   <li>a stop id ends the generation and is never evaluated into the cache; {@link StopReason.StopToken} names it and
 *       {@link GenerationResult#generatedIds()} leaves it out (the next prompt carries it);</li>
 *   <li>the sink returning {@code false} ends the generation as {@link StopReason#CANCELLED}, whatever the id;</li>
 *   <li>the id that reaches {@code maxTokens} or fills the context is kept but not evaluated either; the next prefill
 *       evaluates it.</li>
 * </ul>
 *
 * <p>Not thread-safe: it is stepped by one thread at a time, like its session. A session runs one generation at a
 * time; starting another one, or calling the session's step API, abandons this one (it ends as cancelled).
 */
public final class Generation {
    private final EngineSession session;
    private final GenerationRequest request;
    private final TokenSink sink;
    private final Sampler sampler;
    private final TokenConstraint.Matcher matcher;
    private final int[] prompt;
    private int reused;
    private final long startNanos;
    private int next;
    private int[] generated = new int[16];
    private int count;
    private int sampled;
    private int planFrom;
    private int planCount;
    private int planLastEntry = -1;
    private int pending = -1;
    private long decodeStartNanos;
    private long endNanos;
    private StopReason reason;
    private RuntimeException failure;

    Generation(EngineSession session, GenerationRequest request, TokenSink sink) {
        this.session = session;
        this.request = request;
        this.sink = sink;
        this.sampler = new Sampler(request.sampling());
        this.matcher = request.constraint() == null ? null : request.constraint().start();
        this.prompt = request.promptIds();
        this.startNanos = System.nanoTime();
        this.reused = session.beginPrefill(prompt);
        this.next = reused;
        if (next == prompt.length) {
            decodeStartNanos = startNanos;
        }
    }

    /** Whether the generation has ended (stopped, limited, cancelled or failed). */
    public boolean done() {
        return reason != null || failure != null;
    }

    /** Whether the prompt is still being evaluated. */
    public boolean prefilling() {
        return !done() && next < prompt.length;
    }

    /**
     * The outcome.
     *
     * @throws IllegalStateException while the generation is running
     * @throws RuntimeException      the failure of its forward pass or of its sink, when it failed
     */
    public GenerationResult result() {
        if (failure != null) {
            throw failure;
        }
        if (reason == null) {
            throw new IllegalStateException("generation still running");
        }
        long decodeStart = decodeStartNanos == 0 ? endNanos : decodeStartNanos;
        GenerationStats stats = new GenerationStats(session.engine().loadDuration(), reused, next - reused,
                Duration.ofNanos(decodeStart - startNanos), sampled, Duration.ofNanos(endNanos - decodeStart));
        return new GenerationResult(Arrays.copyOf(generated, count), reason, stats);
    }

    /** Ends the generation as cancelled unless it has ended; it is never stepped again. */
    public void cancel() {
        if (!done()) {
            finish(StopReason.CANCELLED);
        }
    }

    EngineSession session() {
        return session;
    }

    /** The prompt's ids (not a copy). */
    int[] prompt() {
        return prompt;
    }

    /** Prompt ids evaluated or taken from the cache so far. */
    int promptDone() {
        return next;
    }

    /**
     * Takes, while the prompt is being evaluated, the blocks of its next ids that other sequences have evaluated
     * meanwhile (a shared system prompt another generation was still evaluating when this one started); they count
     * as reused, not evaluated.
     */
    void adoptShared() {
        int now = session.adoptShared(prompt);
        reused += now - next;
        next = now;
    }

    boolean decoding() {
        return !done() && next == prompt.length;
    }

    /**
     * The one sample call site: takes the current logits (a constraint masks them inside the sampler), samples, reports the id and
     * applies the stop rule. Plans the id for evaluation and returns true when the generation goes on.
     */
    boolean planNext(BatchPlan plan) {
        float[] logits = session.logitsCopy();
        // the sampler modifies its logits; log-probabilities describe the model's own distribution
        float[] raw = request.logprobs() >= 0 ? logits.clone() : null;
        int id = sampler.sample(logits, session.history(), session.cachedCount(), matcher);
        sampled++;
        if (raw != null) {
            sink.onLogprobs(TokenLogprobs.of(raw, id, request.logprobs()));
        }
        boolean go = sink.onToken(id);
        if (request.isStop(id)) {
            finish(go ? new StopReason.StopToken(id) : StopReason.CANCELLED);
            return false;
        }
        if (count == generated.length) {
            generated = Arrays.copyOf(generated, 2 * count);
        }
        generated[count++] = id;
        StopReason end = !go ? StopReason.CANCELLED : count >= request.maxTokens() ? StopReason.LENGTH
                : session.cachedCount() >= session.contextSize() ? StopReason.CONTEXT_FULL : null;
        if (end != null) {
            finish(end);
            return false;
        }
        pending = id;
        planLastEntry = plan.add(session.cache(), id, session.cachedCount());
        return true;
    }

    /** Plans up to {@code room} more prompt ids; returns how many. */
    int planPrompt(BatchPlan plan, int room) {
        planFrom = next;
        planCount = Math.min(room, prompt.length - next);
        for (int i = 0; i < planCount; i++) {
            planLastEntry = plan.add(session.cache(), prompt[next + i], next + i);
        }
        return planCount;
    }

    /**
     * Records what the forward pass evaluated for this generation; returns the batch entry whose logits it needs
     * next, or -1 while its prompt is not complete.
     */
    int commit() {
        if (pending >= 0) {
            session.remember(new int[] {pending}, 0, 1);
            pending = -1;
            return planLastEntry;
        }
        session.remember(prompt, planFrom, planCount);
        next += planCount;
        planCount = 0;
        return next == prompt.length ? planLastEntry : -1;
    }

    /** Takes the logits after the last evaluated id from {@code rows[offset ..]}. */
    void acceptLogits(float[] rows, int offset) {
        session.acceptLogits(rows, offset);
        if (decodeStartNanos == 0) {
            decodeStartNanos = System.nanoTime();
        }
    }

    /** Ends the generation with {@code e}: its forward pass or its sink threw. */
    void fail(RuntimeException e) {
        if (!done()) {
            failure = e;
            endNanos = System.nanoTime();
        }
    }

    private void finish(StopReason why) {
        reason = why;
        pending = -1;
        endNanos = System.nanoTime();
    }
}
