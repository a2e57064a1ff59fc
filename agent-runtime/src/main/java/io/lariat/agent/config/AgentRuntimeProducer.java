package io.lariat.agent.config;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.backend.ModelRegistry;
import io.lariat.agent.session.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The thin CDI layer over {@link AgentRuntime}: one runtime per application, built from the injected
 * {@link LariatConfig} and closed at shutdown, plus its session store and model registry as beans.
 *
 * <p>Custom tools named in {@code lariat.agents.<name>.tools} are looked up as CDI beans by fully qualified class
 * name; such beans must survive Quarkus' unused-bean removal ({@code @Unremovable}, or injected elsewhere).
 */
@ApplicationScoped
public class AgentRuntimeProducer {

    @Produces
    @Singleton
    AgentRuntime runtime(LariatConfig config, Instance<Object> beans) {
        return AgentRuntime.create(config, toolBeans(config, beans));
    }

    void close(@Disposes AgentRuntime runtime) {
        runtime.close();
    }

    @Produces
    @Singleton
    SessionStore sessions(AgentRuntime runtime) {
        return runtime.sessions();
    }

    @Produces
    @Singleton
    ModelRegistry models(AgentRuntime runtime) {
        return runtime.models();
    }

    private static Map<String, Object> toolBeans(LariatConfig config, Instance<Object> beans) {
        Map<String, Object> tools = new LinkedHashMap<>();
        config.agents().forEach((agent, agentConfig) -> {
            for (String className : agentConfig.tools().orElse(List.of())) {
                tools.computeIfAbsent(className, name -> bean(agent, name, beans));
            }
        });
        return tools;
    }

    private static Object bean(String agent, String className, Instance<Object> beans) {
        Class<?> type;
        try {
            type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("lariat.agents." + agent + ".tools: no class " + className, e);
        }
        Instance<?> found = beans.select(type);
        if (!found.isResolvable()) {
            throw new IllegalStateException("lariat.agents." + agent + ".tools: " + className
                    + " is not a CDI bean (or was removed as unused; mark it @Unremovable)");
        }
        return found.get();
    }
}
