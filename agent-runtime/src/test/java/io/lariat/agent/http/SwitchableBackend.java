package io.lariat.agent.http;

import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.backend.TokenListener;
import io.lariat.agent.backend.TurnRequest;
import io.lariat.agent.backend.TurnResult;
import io.lariat.agent.testing.SharedTestData;
import io.lariat.engine.tokenizer.Tokenizer;

import java.time.Duration;
import java.util.List;

/**
 * A backend registered once in the runtime's model registry (agents keep the backend they were built with) whose
 * script each test replaces.
 */
final class SwitchableBackend implements ModelBackend {
    static final String NAME = "replay:agent";
    private static SwitchableBackend instance;
    private volatile ReplayBackend delegate;

    private SwitchableBackend() {
        delegate = ReplayBackend.of(SharedTestData.tokenizer());
    }

    /** The backend registered in {@code runtime}'s registry, created on first use. */
    static synchronized SwitchableBackend in(io.lariat.agent.AgentRuntime runtime) {
        if (instance == null) {
            instance = new SwitchableBackend();
            runtime.models().register(NAME, instance);
        }
        return instance;
    }

    /** Plays {@code outputs} next, pausing {@code delay} before each token. */
    ReplayBackend play(Duration delay, String... outputs) {
        delegate = new ReplayBackend(SharedTestData.tokenizer(), List.of(outputs), 8192, delay);
        return delegate;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Tokenizer tokenizer() {
        return delegate.tokenizer();
    }

    @Override
    public int contextSize() {
        return delegate.contextSize();
    }

    @Override
    public TurnResult generate(TurnRequest request, TokenListener listener) {
        return delegate.generate(request, listener);
    }

    @Override
    public void release(String sessionId) {
        delegate.release(sessionId);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
