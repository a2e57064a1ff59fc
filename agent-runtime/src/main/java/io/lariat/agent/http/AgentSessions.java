package io.lariat.agent.http;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent API's view of the runtime's session store: which agent each session was opened for, so a session is
 * only reachable under its own agent's path. Sessions the store expired or evicted are gone here too. Thread-safe.
 */
@ApplicationScoped
public class AgentSessions {
    private final Map<String, String> agentOf = new ConcurrentHashMap<>();

    @Inject
    AgentRuntime runtime;

    /** Opens a new empty session for {@code agent}. */
    public Session open(String agent) {
        Session session = runtime.sessions().create();
        agentOf.put(session.id(), agent);
        return session;
    }

    /**
     * The session {@code id} of {@code agent}.
     *
     * @throws ResourceNotFoundException when there is no such session, or it belongs to another agent
     */
    public Session find(String agent, String id) {
        if (!agent.equals(agentOf.get(id))) {
            throw new ResourceNotFoundException("session", id);
        }
        return runtime.sessions().find(id).orElseThrow(() -> {
            agentOf.remove(id);
            return new ResourceNotFoundException("session", id);
        });
    }

    /**
     * Closes and forgets the session (its KV cache and tool state are released).
     *
     * @throws ResourceNotFoundException when there is no such session of {@code agent}
     */
    public void delete(String agent, String id) {
        find(agent, id);
        agentOf.remove(id);
        runtime.sessions().remove(id);
    }
}
