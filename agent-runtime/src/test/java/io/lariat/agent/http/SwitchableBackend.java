package io.lariat.agent.http;

import io.lariat.agent.backend.ForwardingBackend;
import io.lariat.agent.backend.ModelBackend;
import io.lariat.agent.backend.ReplayBackend;
import io.lariat.agent.testing.SharedTestData;

import java.time.Duration;
import java.util.List;

/**
 * A backend registered once in the runtime's model registry (agents keep the backend they were built with) whose
 * script each test replaces.
 */
final class SwitchableBackend implements ForwardingBackend {
    static final String NAME = "replay:agent";
    private static SwitchableBackend instance;
    private static io.lariat.agent.AgentRuntime registeredIn;
    private volatile ReplayBackend delegate;

    private SwitchableBackend() {
        delegate = ReplayBackend.of(SharedTestData.tokenizer());
    }

    /** The backend registered in {@code runtime}'s registry, registered on first use in that runtime. */
    static synchronized SwitchableBackend in(io.lariat.agent.AgentRuntime runtime) {
        if (registeredIn != runtime) {
            instance = new SwitchableBackend();
            runtime.models().register(NAME, instance);
            registeredIn = runtime;
        }
        return instance;
    }

    /** Plays {@code outputs} next, pausing {@code delay} before each token. */
    ReplayBackend play(Duration delay, String... outputs) {
        delegate = new ReplayBackend(SharedTestData.tokenizer(), List.of(outputs), 8192, delay);
        return delegate;
    }

    @Override
    public ModelBackend delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return NAME;
    }
}
