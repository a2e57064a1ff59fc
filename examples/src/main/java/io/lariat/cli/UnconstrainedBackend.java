package io.lariat.cli;

import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.backend.TokenListener;
import io.lariat.agent.backend.TurnRequest;
import io.lariat.agent.backend.TurnResult;
import io.lariat.engine.tokenizer.Tokenizer;

/**
 * A backend as agents see it when they must not constrain their tool calls ({@code eval-demo
 * --no-constrained-calls}): the same model, reporting that it cannot constrain tokens, so agents built on it run
 * the model alone. Closing it closes the wrapped backend.
 *
 * @param backend the backend that generates
 */
record UnconstrainedBackend(ModelBackend backend) implements ModelBackend {
    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public Tokenizer tokenizer() {
        return backend.tokenizer();
    }

    @Override
    public int contextSize() {
        return backend.contextSize();
    }

    @Override
    public TurnResult generate(TurnRequest request, TokenListener listener) {
        return backend.generate(request, listener);
    }

    @Override
    public boolean structuredToolCalls() {
        return backend.structuredToolCalls();
    }

    @Override
    public boolean constrainsTokens() {
        return false;
    }

    @Override
    public int queuedTurns() {
        return backend.queuedTurns();
    }

    @Override
    public void release(String sessionId) {
        backend.release(sessionId);
    }

    @Override
    public void close() {
        backend.close();
    }
}
