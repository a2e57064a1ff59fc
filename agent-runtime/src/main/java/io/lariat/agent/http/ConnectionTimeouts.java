package io.lariat.agent.http;

import io.lariat.agent.config.LariatConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections that hold the server without asking anything: a connection with no request in progress (new,
 * or kept alive after a response) that sends nothing for {@code lariat.http.header-timeout} is closed, while a
 * request in progress (reading its body, generating, streaming) has {@code quarkus.http.idle-timeout}.
 *
 * <p>Why two values: Vert.x has one idle timeout per connection, and no single value fits both phases. Waiting for
 * headers must be short, or a thousand half-open connections (a few header bytes, then silence) stay open for
 * Quarkus's default 30 minutes; a request in progress may be silent for minutes (a non-streaming generation, a tool
 * call), and must not be cut. So Vert.x's timeout is the header timeout, and the connection's idle handler is swapped
 * for the request timeout when a request's headers arrive and back when its response ends. On HTTP/2 (TLS only)
 * requests share a connection, so the first request switches it to the request timeout for good.
 *
 * <p>Vert.x's timer restarts at every byte read or written, so a client trickling a byte now and then is bounded by
 * {@code quarkus.http.limits.max-header-size}, not by the timeout.
 */
@ApplicationScoped
public class ConnectionTimeouts implements HttpServerOptionsCustomizer {
    /** The name Vert.x gives its idle handler in a connection's pipeline. */
    static final String IDLE_HANDLER = "idle";

    private final long headerMillis;
    private final long requestMillis;

    ConnectionTimeouts(LariatConfig config,
                       @ConfigProperty(name = "quarkus.http.idle-timeout", defaultValue = "30M") Duration request) {
        this.headerMillis = millis(config.http().headerTimeout(), "lariat.http.header-timeout", 1);
        // Quarkus reads 0 as "never"; so does an IdleStateHandler without times.
        this.requestMillis = millis(request, "quarkus.http.idle-timeout", 0);
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setIdleTimeout(Math.toIntExact(headerMillis)).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::requestStarted);
    }

    private void requestStarted(RoutingContext context) {
        HttpConnection connection = context.request().connection();
        if (connection instanceof ConnectionBase base) {
            Channel channel = base.channel();
            swap(channel, requestMillis);
            if (context.request().version() != HttpVersion.HTTP_2) {
                context.addEndHandler(ended -> swap(channel, headerMillis));
            }
        }
        context.next();
    }

    // A fresh IdleStateHandler also restarts the clock, so each phase gets its whole time.
    private static void swap(Channel channel, long millis) {
        channel.eventLoop().execute(() -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (channel.isActive() && pipeline.get(IDLE_HANDLER) != null) {
                pipeline.replace(IDLE_HANDLER, IDLE_HANDLER, new IdleStateHandler(0, 0, millis,
                        TimeUnit.MILLISECONDS));
            }
        });
    }

    private static long millis(Duration value, String key, long least) {
        if (value.toMillis() < least || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be between " + least + " ms and 24 days, got " + value);
        }
        return value.toMillis();
    }
}
