package io.lariat.agent.http;

import io.lariat.agent.AgentRuntime;
import io.lariat.agent.config.LariatConfig;
import io.lariat.agent.config.ToolSources;
import io.lariat.tools.Tool;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * CDI glue of the Quarkus application: the one {@link AgentRuntime} (models, sessions, configured agents) built
 * from {@link LariatConfig}.
 *
 * <p>Configured agents find their custom tools among the application-scoped and singleton CDI beans that declare
 * {@code @Tool} methods, by simple or fully qualified class name (looked up through the bean manager, which keeps
 * Quarkus from removing such beans as unused), and their built-ins in the tools module, configured from {@code lariat.search.*} and
 * {@code lariat.calculator.*}. An application that produces its own {@link ToolSources} bean replaces both.
 */
@ApplicationScoped
public class RuntimeProducers {

    @Produces
    @Singleton
    AgentRuntime runtime(LariatConfig config, BeanManager beans, Instance<ToolSources> toolSources) {
        if (toolSources.isResolvable()) {
            return AgentRuntime.create(config, toolSources.get());
        }
        return AgentRuntime.create(config, toolBeans(beans));
    }

    void close(@Disposes AgentRuntime runtime) {
        runtime.close();
    }

    /** Application-scoped and singleton beans declaring {@code @Tool} methods, by simple and qualified class name. */
    private static Map<String, Object> toolBeans(BeanManager beans) {
        Map<String, Object> custom = new HashMap<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            boolean shared = bean.getScope() == ApplicationScoped.class || bean.getScope() == Singleton.class;
            if (shared && bean.getTypes().contains(type) && declaresTools(type)) {
                CreationalContext<?> context = beans.createCreationalContext(bean);
                // named and registered as the bean's own object, not its client proxy
                Object instance = ClientProxy.unwrap(beans.getReference(bean, type, context));
                custom.put(type.getSimpleName(), instance);
                custom.put(type.getName(), instance);
            }
        }
        return custom;
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
