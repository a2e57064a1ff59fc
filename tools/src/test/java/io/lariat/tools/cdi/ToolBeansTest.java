package io.lariat.tools.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lariat.tools.Tool;
import io.lariat.tools.ToolContext;
import io.lariat.tools.ToolDefinition;
import io.lariat.tools.ToolRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolBeansTest {

    public static class WeatherTools {
        @Tool("Forecast")
        public String forecast(String city) {
            return "sunny in " + city;
        }
    }

    /** What a CDI container hands out for a normal-scoped bean: a subclass without the annotations. */
    public static class WeatherToolsProxy extends WeatherTools {
        @Override
        public String forecast(String city) {
            return super.forecast(city) + " (via proxy)";
        }
    }

    public static class Unrelated {
    }

    public static class Producers {
        @Tool("Not a bean itself")
        public String ignored() {
            return "";
        }
    }

    @SuppressWarnings("unchecked")
    private static Bean<Object> bean(Class<?> beanClass, Set<Object> types) {
        return (Bean<Object>) Proxy.newProxyInstance(Bean.class.getClassLoader(), new Class<?>[] {Bean.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBeanClass" -> beanClass;
                    case "getTypes" -> types;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private record FakeHandle(Bean<Object> bean, Object instance) implements Instance.Handle<Object> {
        @Override
        public Object get() {
            return instance;
        }

        @Override
        public Bean<Object> getBean() {
            return bean;
        }

        @Override
        public void destroy() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void collectsManagedBeansWithToolMethodsThroughTheirProxies() {
        WeatherToolsProxy proxy = new WeatherToolsProxy();
        List<Object> found = ToolBeans.toolObjects(List.of(
                new FakeHandle(bean(WeatherTools.class, Set.of(WeatherTools.class, Object.class)), proxy),
                new FakeHandle(bean(Unrelated.class, Set.of(Unrelated.class, Object.class)), new Unrelated()),
                new FakeHandle(bean(Producers.class, Set.of(String.class, Object.class)), "produced")));
        assertEquals(List.of(proxy), found);
        ToolRegistry registry = ToolRegistry.builder().tools(found).build();
        assertEquals(List.of("forecast"), registry.definitions().stream().map(ToolDefinition::name).toList());
        assertEquals("sunny in Oslo (via proxy)", registry.invokeJson("forecast", "{\"city\": \"Oslo\"}",
                ToolContext.standalone()).await().indefinitely().content());
    }
}
