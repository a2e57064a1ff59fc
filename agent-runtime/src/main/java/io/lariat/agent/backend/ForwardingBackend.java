package io.lariat.agent.backend;

import io.lariat.engine.tokenizer.Tokenizer;

/**
 * A backend that hands every call to another one; a wrapper implements {@link #delegate()} and overrides only what
 * it changes (a capability it hides, a call it observes).
 */
public interface ForwardingBackend extends ModelBackend {
    /** The backend the calls go to; may change between calls. */
    ModelBackend delegate();

    @Override
    default String name() {
        return delegate().name();
    }

    @Override
    default Tokenizer tokenizer() {
        return delegate().tokenizer();
    }

    @Override
    default int contextSize() {
        return delegate().contextSize();
    }

    @Override
    default TurnResult generate(TurnRequest request, TokenListener listener) {
        return delegate().generate(request, listener);
    }

    @Override
    default boolean structuredToolCalls() {
        return delegate().structuredToolCalls();
    }

    @Override
    default boolean constrainsTokens() {
        return delegate().constrainsTokens();
    }

    @Override
    default boolean reportsLogprobs() {
        return delegate().reportsLogprobs();
    }

    @Override
    default int queuedTurns() {
        return delegate().queuedTurns();
    }

    @Override
    default void release(String sessionId) {
        delegate().release(sessionId);
    }

    @Override
    default void close() {
        delegate().close();
    }
}
