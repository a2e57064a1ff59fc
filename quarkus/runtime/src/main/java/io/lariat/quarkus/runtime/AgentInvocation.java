package io.lariat.quarkus.runtime;

import io.lariat.agent.AgentEvent;
import io.lariat.agent.AgentRuntime;
import io.lariat.agent.ErrorEvent;
import io.lariat.agent.FinalEvent;
import io.lariat.agent.Session;
import io.lariat.agent.http.AgentRunException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Runs a declared agent for each call of its interface's methods: {@code (sessionId, userMessage)} continues the
 * session with that id (created on first use) and returns the answer or the event stream, as the method's return
 * type asks. Thread-safe; a session runs one message at a time (a second concurrent run fails with
 * {@code session_busy}).
 */
final class AgentInvocation implements InvocationHandler {

    private final AgentRuntime runtime;
    private final String agentName;

    AgentInvocation(AgentRuntime runtime, String agentName) {
        this.runtime = runtime;
        this.agentName = agentName;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "@LariatAgent(name = \"" + agentName + "\")";
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        Multi<AgentEvent> events = run((String) args[0], (String) args[1]);
        if (method.getReturnType() == Multi.class) {
            return events;
        }
        Uni<String> answer = events.collect().asList().map(AgentInvocation::answer);
        return method.getReturnType() == Uni.class ? answer : answer.await().indefinitely();
    }

    /** The run, started when subscribed to (so a {@code Uni} or {@code Multi} nobody subscribes to does nothing). */
    private Multi<AgentEvent> run(String sessionId, String userMessage) {
        return Multi.createFrom().deferred(() -> {
            Session session = runtime.sessions().getOrCreate(sessionId);
            return runtime.agent(agentName).run(session, userMessage);
        });
    }

    /**
     * The final answer of a finished run.
     *
     * @throws AgentRunException when the run ended with an error event
     */
    static String answer(List<AgentEvent> events) {
        for (AgentEvent event : events) {
            if (event instanceof ErrorEvent error) {
                throw new AgentRunException(error.kind(), error.message());
            }
            if (event instanceof FinalEvent done) {
                return done.content();
            }
        }
        throw new AgentRunException("failed", "the run ended without a final answer");
    }
}
