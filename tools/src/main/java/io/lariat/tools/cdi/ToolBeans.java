package io.lariat.tools.cdi;

import io.lariat.tools.ToolMethods;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the CDI beans whose class declares {@link io.lariat.tools.Tool} methods, so the agent runtime can register
 * them: {@code ToolRegistry.builder().tools(toolBeans.instances())}.
 *
 * <p>Only managed beans count (a producer's declaring class is not the produced object). The {@code @Any
 * Instance<Object>} injection point also keeps Quarkus from removing tool beans that nothing else injects.
 * Thread-safe; each call resolves the beans again (normal-scoped beans yield their client proxies, whose
 * superclass carries the annotations).
 */
@ApplicationScoped
public class ToolBeans {

    private final Instance<Object> beans;

    /** Creates the discovery over every bean in the container. */
    @Inject
    public ToolBeans(@Any Instance<Object> beans) {
        this.beans = beans;
    }

    /** Contextual references of every managed bean with {@code @Tool} methods. */
    public List<Object> instances() {
        return toolObjects(beans.handles());
    }

    static List<Object> toolObjects(Iterable<? extends Instance.Handle<Object>> handles) {
        List<Object> found = new ArrayList<>();
        for (Instance.Handle<Object> handle : handles) {
            Bean<Object> bean = handle.getBean();
            Class<?> type = bean.getBeanClass();
            if (bean.getTypes().contains(type) && ToolMethods.hasToolMethods(type)) {
                found.add(handle.get());
            }
        }
        return found;
    }
}
