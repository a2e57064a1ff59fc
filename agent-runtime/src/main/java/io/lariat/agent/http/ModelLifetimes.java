package io.lariat.agent.http;

import io.lariat.agent.chat.ServedModels;
import io.lariat.agent.InvalidRequestException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * When each served model is unloaded: a request's {@code keep_alive} sets how long its model stays loaded after
 * the request ends (Ollama's rule); a model is never unloaded while a request uses it. Without any
 * {@code keep_alive} a model stays loaded, as configured models must for their agents. Thread-safe.
 */
@ApplicationScoped
public class ModelLifetimes {
    private static final Logger LOG = Logger.getLogger(ModelLifetimes.class);
    private final Map<String, Lifetime> lifetimes = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lariat-keep-alive").factory());

    @Inject
    ServedModels models;

    /** What is known of one model's lifetime: requests in flight and the expiry after the last one. */
    private static final class Lifetime {
        int inFlight;
        Duration keepAlive;
        Instant expiresAt;
    }

    /**
     * Marks a request on {@code model} as started; call {@link #end} when its response is done.
     *
     * @param keepAlive the request's keep-alive, or null to keep the model's current one
     */
    public synchronized void begin(String model, KeepAlive keepAlive) {
        Lifetime life = lifetimes.computeIfAbsent(model, m -> new Lifetime());
        life.inFlight++;
        if (keepAlive != null) {
            life.keepAlive = keepAlive.duration();
        }
        life.expiresAt = null;
    }

    /** Marks a request on {@code model} as done; the model expires after its keep-alive unless another arrives. */
    public void end(String model) {
        Duration delay;
        synchronized (this) {
            Lifetime life = lifetimes.get(model);
            if (life == null || --life.inFlight > 0 || life.keepAlive == null) {
                return;
            }
            life.expiresAt = Instant.now().plus(life.keepAlive);
            delay = life.keepAlive;
        }
        if (delay.isZero()) {
            expire(model);
        } else {
            timer.schedule(() -> expire(model), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** When the model is unloaded if no request comes; empty while in use or kept for good. */
    public synchronized Optional<Instant> expiresAt(String model) {
        Lifetime life = lifetimes.get(model);
        return life == null ? Optional.empty() : Optional.ofNullable(life.expiresAt);
    }

    /** Forgets the model's lifetime (it was unloaded). */
    public synchronized void forget(String model) {
        lifetimes.remove(model);
    }

    private void expire(String model) {
        synchronized (this) {
            Lifetime life = lifetimes.get(model);
            if (life == null || life.inFlight > 0 || life.expiresAt == null
                    || life.expiresAt.isAfter(Instant.now())) {
                return;
            }
            lifetimes.remove(model);
        }
        try {
            models.unload(model);
        } catch (InvalidRequestException e) {
            LOG.infof("keep_alive expired for %s, which stays loaded: %s", model, e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
    }
}
