package io.lariat.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.lariat.tools.binding.ArgumentException;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * A tool method behind its SmallRye Fault Tolerance guard: bulkhead, timeout, retry (idempotent tools only) and
 * circuit breaker (remote tools only). Every outcome, including a throwing or hanging tool, becomes a
 * {@link ToolResult}; blocking methods run on virtual threads, which are interrupted when their call is abandoned.
 *
 * <p>Thread-safe.
 */
final class GuardedTool {

    private final ToolMethod tool;
    private final TypedGuard<CompletionStage<Object>> guard;
    private final ResultRendering rendering;

    GuardedTool(ToolMethod tool, ToolOptions options) {
        FaultToleranceSetup.ensureConfigured();
        this.tool = tool;
        this.guard = buildGuard(tool, options);
        this.rendering = new ResultRendering(tool, options);
    }

    ToolDefinition definition() {
        return tool.definition();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypedGuard<CompletionStage<Object>> buildGuard(ToolMethod tool, ToolOptions options) {
        TypedGuard.Builder<CompletionStage<Object>> builder =
                (TypedGuard.Builder) TypedGuard.create(CompletionStage.class);
        builder.withDescription("tool " + tool.definition().name())
                .withThreadOffload(false)
                .withBulkhead().limit(options.maxConcurrentCalls()).queueSize(options.maxQueuedCalls())
                .done()
                .withTimeout().duration(tool.timeout().toMillis(), ChronoUnit.MILLIS).done();
        if (tool.annotation().idempotent() && options.maxRetries() > 0) {
            builder.withRetry().maxRetries(options.maxRetries())
                    .delay(options.retryDelay().toMillis(), ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(0, ChronoUnit.MILLIS)
                    .abortOn(List.of(TimeoutException.class, BulkheadException.class,
                            CircuitBreakerOpenException.class, ArgumentException.class, ToolException.class))
                    .done();
        }
        if (tool.annotation().remote()) {
            builder.withCircuitBreaker().requestVolumeThreshold(options.breakerWindow())
                    .failureRatio(options.breakerFailureRatio())
                    .delay(options.breakerDelay().toMillis(), ChronoUnit.MILLIS).successThreshold(1)
                    .skipOn(List.of(ToolException.class, ArgumentException.class)).done();
        }
        return builder.build();
    }

    /** Runs one call; the returned Uni never fails. */
    Uni<ToolResult> invoke(JsonNode arguments, ToolContext context) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            Object[] bound;
            try {
                bound = tool.bind(arguments, context);
            } catch (ArgumentException e) {
                return Uni.createFrom().item(rendering.capped(ToolResult.error(e.getMessage())));
            }
            List<Future<?>> attempts = new CopyOnWriteArrayList<>();
            CompletionStage<Object> guarded;
            try {
                guarded = guard.get(() -> startAttempt(bound, attempts));
            } catch (RuntimeException e) {
                guarded = CompletableFuture.failedFuture(e);
            }
            return Uni.createFrom().completionStage(guarded)
                    .map(rendering::success)
                    .onFailure().recoverWithItem(rendering::failure)
                    .onTermination().invoke(() -> abandon(attempts))
                    .map(result -> rendering.capped(result).withElapsed(Duration.ofNanos(System.nanoTime() - start)));
        });
    }

    private CompletionStage<Object> startAttempt(Object[] bound, List<Future<?>> attempts) {
        if (tool.returnKind() == ReturnKind.BLOCKING) {
            return onVirtualThread(bound, attempts);
        }
        Object returned;
        try {
            returned = tool.call(bound);
        } catch (Throwable e) {
            return CompletableFuture.failedFuture(e);
        }
        if (returned == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the tool returned null instead of a "
                    + (tool.returnKind() == ReturnKind.UNI ? "Uni" : "CompletionStage")));
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        if (returned instanceof Uni<?> uni) {
            // cancelling this future cancels the Uni's subscription, so a timed-out Uni stops
            result = uni.map(Object.class::cast).subscribeAsCompletionStage();
        } else {
            CompletableFuture<Object> bridge = result;
            ((CompletionStage<?>) returned).whenComplete((value, error) -> {
                if (error != null) {
                    bridge.completeExceptionally(error);
                } else {
                    bridge.complete(value);
                }
            });
        }
        attempts.add(result);
        return result;
    }

    private CompletableFuture<Object> onVirtualThread(Object[] bound, List<Future<?>> attempts) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        // a FutureTask, because cancel(true) on it interrupts the virtual thread running an abandoned call
        FutureTask<Object> task = new FutureTask<>(() -> tool.call(bound)) {
            @Override
            protected void done() {
                try {
                    result.complete(get());
                } catch (ExecutionException e) {
                    result.completeExceptionally(e.getCause());
                } catch (CancellationException | InterruptedException e) {
                    result.completeExceptionally(e);
                }
            }
        };
        attempts.add(task);
        Thread.ofVirtual().name("tool-" + tool.definition().name()).start(task);
        return result;
    }

    /** Stops work nobody waits for any more: interrupts timed-out virtual threads, cancels pending stages. */
    private static void abandon(List<Future<?>> attempts) {
        for (Future<?> attempt : attempts) {
            if (!attempt.isDone()) {
                attempt.cancel(true);
            }
        }
    }
}
