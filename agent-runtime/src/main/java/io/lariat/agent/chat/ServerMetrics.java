package io.lariat.agent.chat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The API's own Micrometer meters (exposed at {@code /q/metrics}), beside Quarkus's HTTP request metrics: tokens,
 * tool calls, time to first token and generation latency per model, and the depth of the generation queue.
 * Thread-safe.
 */
@ApplicationScoped
public class ServerMetrics {
    @Inject
    MeterRegistry registry;

    /** Records a finished chat generation of {@code model}. */
    public void chatCompleted(String model, ChatUsage usage, int toolCalls) {
        registry.counter("lariat.tokens.prompt", "model", model).increment(usage.promptTokensEvaluated());
        registry.counter("lariat.tokens.generated", "model", model).increment(usage.completionTokens());
        registry.counter("lariat.tool.calls", "model", model, "source", "chat").increment(toolCalls);
        Timer.builder("lariat.generation.duration").tag("model", model).register(registry).record(usage.total());
    }

    /** Records the time from a request's arrival to its first generated token. */
    public void firstToken(String model, Duration elapsed) {
        Timer.builder("lariat.time.to.first.token").tag("model", model).register(registry).record(elapsed);
    }

    /** Records a tool call an agent on {@code model} ran. */
    public void agentToolCall(String model) {
        registry.counter("lariat.tool.calls", "model", model, "source", "agent").increment();
    }

    /** Records an agent run's token counts on {@code model}. */
    public void agentRun(String model, int promptTokensEvaluated, int generatedTokens) {
        registry.counter("lariat.tokens.prompt", "model", model).increment(promptTokensEvaluated);
        registry.counter("lariat.tokens.generated", "model", model).increment(generatedTokens);
    }

    /** Publishes the number of requests waiting for a generation slot as a gauge. */
    public void watchQueue(IntSupplier depth) {
        Gauge.builder("lariat.generation.queue.depth", depth, IntSupplier::getAsInt).strongReference(true)
                .register(registry);
    }
}
