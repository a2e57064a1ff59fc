package io.lariat.quarkus.runtime;

import io.lariat.agent.Agent;
import io.lariat.agent.AgentRuntime;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.annotations.Recorder;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Function;

/**
 * Registers the declarative agents the build found and implements their interfaces as JDK proxies.
 *
 * <p>The build step has already checked every declaration, so the only failures left here are those of running
 * code (a model that cannot be found, a tool bean that throws when created), reported when the agent is first used.
 */
@Recorder
public class AgentInterfaceRecorder {

    /**
     * Adds a declared agent to the application's {@link AgentRuntime}; called at start-up, so {@code GET /agents}
     * lists it before anyone injects it.
     */
    public void declare(String name, String systemPrompt, List<String> toolClasses, List<String> builtins) {
        AgentRuntime runtime = Arc.container().instance(AgentRuntime.class).get();
        runtime.declare(name, rt -> {
            Agent.Builder builder = Agent.builder(name).backend(rt.model(null));
            if (!systemPrompt.isEmpty()) {
                builder.systemPrompt(systemPrompt);
            }
            builder.tools(toolClasses.stream().map(AgentInterfaceRecorder::toolBean).toArray());
            builder.builtin(builtins.toArray(String[]::new))
                    .builtinTools(builtins.stream().map(rt::builtinTool).distinct().toArray());
            return builder;
        });
    }

    /** Creates the bean of a {@code @LariatAgent} interface: a proxy that runs the named agent. */
    public Function<SyntheticCreationalContext<Object>, Object> implement(String interfaceName, String agentName) {
        return context -> {
            AgentRuntime runtime = context.getInjectedReference(AgentRuntime.class);
            Class<?> type = load(interfaceName);
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    new AgentInvocation(runtime, agentName));
        };
    }

    /** The bean's own object rather than its client proxy, as configured agents register theirs. */
    private static Object toolBean(String className) {
        return ClientProxy.unwrap(Arc.container().instance(load(className)).get());
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("class " + name + " of a declarative agent is missing at run time", e);
        }
    }
}
