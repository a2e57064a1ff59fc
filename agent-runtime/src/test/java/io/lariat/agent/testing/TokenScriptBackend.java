package io.lariat.agent.testing;

import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.backend.TokenListener;
import io.lariat.agent.backend.TurnRequest;
import io.lariat.agent.backend.TurnResult;
import io.lariat.engine.tokenizer.SpecialTokens;
import io.lariat.engine.tokenizer.Tokenizer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A backend that streams one turn of exact token ids, for tests where the ids matter and not only their text
 * (ordinary tokens that spell a special name); it can fail after a number of tokens. Each call plays the same ids.
 * Thread-safe.
 */
public final class TokenScriptBackend implements ModelBackend {
    private final Tokenizer tokenizer;
    private final int[] ids;
    private final int failAfter;
    private final List<int[]> prompts = new ArrayList<>();

    /**
     * @param ids       the turn, a stop id last unless it is cut by the token limit
     * @param failAfter tokens to stream before failing with {@link IllegalStateException}, or -1 to never fail
     */
    public TokenScriptBackend(Tokenizer tokenizer, int[] ids, int failAfter) {
        this.tokenizer = tokenizer;
        this.ids = ids.clone();
        this.failAfter = failAfter;
    }

    /** Every prompt received, in order. */
    public synchronized List<int[]> prompts() {
        return List.copyOf(prompts);
    }

    @Override
    public String name() {
        return "token-script";
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int contextSize() {
        return 8192;
    }

    @Override
    public TurnResult generate(TurnRequest request, TokenListener listener) {
        synchronized (this) {
            prompts.add(request.promptIds().clone());
        }
        int limit = Math.min(ids.length, request.maxTokens());
        int played = 0;
        while (played < limit) {
            if (played == failAfter) {
                throw new IllegalStateException("scripted failure after " + played + " tokens");
            }
            if (!listener.onToken(ids[played++])) {
                break;
            }
        }
        boolean complete = played == ids.length && SpecialTokens.isStop(ids[ids.length - 1]);
        int[] sampled = Arrays.copyOf(ids, complete ? played - 1 : played);
        return new TurnResult(sampled, complete ? ids[ids.length - 1] : -1, new TurnResult.TurnStats(0,
                request.promptIds().length, Duration.ZERO, played, Duration.ZERO));
    }

    @Override
    public void release(String sessionId) {
        // nothing is cached
    }

    @Override
    public void close() {
        // nothing to free
    }
}
