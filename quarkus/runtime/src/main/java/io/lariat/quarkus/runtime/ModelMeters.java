package io.lariat.quarkus.runtime;

import io.lariat.agent.AgentRuntime;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The application's models as Micrometer gauges at {@code /q/metrics}, beside the API's token, tool-call and latency
 * meters: {@code lariat.models.loaded} (models in memory) and {@code lariat.agents} (agents that can be run).
 */
@ApplicationScoped
public class ModelMeters implements MeterBinder {

    @Inject
    AgentRuntime runtime;

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("lariat.models.loaded", runtime, r -> r.models().loaded().size())
                .description("Models loaded in memory").register(registry);
        Gauge.builder("lariat.agents", runtime, r -> r.agentNames().size())
                .description("Agents that can be run").register(registry);
    }
}
