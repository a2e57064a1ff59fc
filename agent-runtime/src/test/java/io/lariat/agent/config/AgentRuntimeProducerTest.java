package io.lariat.agent.config;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.Session;
import io.lariat.agent.session.SessionStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

@QuarkusTest
class AgentRuntimeProducerTest {
    @Inject
    AgentRuntime runtime;

    @Inject
    SessionStore sessions;

    @Test
    void runtimeAndItsSessionStoreAreBeans() {
        assertEquals(Set.of("default"), runtime.agentNames());
        assertSame(runtime.sessions(), sessions);
        Session session = sessions.create();
        assertSame(session, sessions.find(session.id()).orElseThrow());
    }
}
