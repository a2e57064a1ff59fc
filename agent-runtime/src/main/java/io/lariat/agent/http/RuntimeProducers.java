package io.lariat.agent.http;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.config.LariatConfig;
import io.lariat.agent.config.ToolSources;
import io.lariat.tools.Tool;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * CDI glue of the Quarkus application: the one {@link AgentRuntime} (models, sessions, configured agents) built
 * from {@link LariatConfig}, and the default {@link ToolSources}.
 *
 * <p>The default tool sources offer every application-scoped or singleton bean that declares {@code @Tool} methods,
 * keyed by its simple and fully qualified class name, and no built-in implementations; an application that enables
 * built-ins produces its own {@code ToolSources} bean, which replaces this one.
 */
@ApplicationScoped
public class RuntimeProducers {

    @Produces
    @Singleton
    AgentRuntime runtime(LariatConfig config, ToolSources tools) {
        return AgentRuntime.create(config, tools);
    }

    void close(@Disposes AgentRuntime runtime) {
        runtime.close();
    }

    @Produces
    @Singleton
    @DefaultBean
    ToolSources toolSources(BeanManager beans) {
        Map<String, Object> custom = new HashMap<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            boolean shared = bean.getScope() == ApplicationScoped.class || bean.getScope() == Singleton.class;
            if (shared && declaresTools(type)) {
                CreationalContext<?> context = beans.createCreationalContext(bean);
                // the tool registry reads @Tool methods off the instance's class: unwrap the client proxy
                Object instance = ClientProxy.unwrap(beans.getReference(bean, type, context));
                custom.put(type.getSimpleName(), instance);
                custom.put(type.getName(), instance);
            }
        }
        return new ToolSources(custom, name -> {
            throw new IllegalArgumentException("no implementation of the built-in tool '" + name
                    + "' is available; produce a ToolSources bean that provides it");
        });
    }

    private static boolean declaresTools(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Tool.class)) {
                return true;
            }
        }
        return false;
    }
}
