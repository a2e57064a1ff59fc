package io.lariat.quarkus.runtime;

import io.lariat.agent.AgentRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness ({@code /q/health/ready}): up once the model of {@code lariat.model} is loaded (the application loads it
 * at start-up), so traffic waits for the model; up without a check when no model is configured.
 */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

    @Inject
    AgentRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Lariat model");
        if (runtime.defaultModel().isEmpty()) {
            return response.up().withData("model", "none configured").build();
        }
        String model = runtime.defaultModel().get();
        return response.status(runtime.models().loaded().contains(model)).withData("model", model).build();
    }
}
