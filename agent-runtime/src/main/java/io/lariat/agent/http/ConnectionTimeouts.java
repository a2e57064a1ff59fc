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
 * or kept alive after a response) whose request head has not fully arrived {@code lariat.http.header-timeout} after
 * it opened (or after its last response was written) is closed, however it trickles bytes; a request in progress
 * (reading its body, generating, streaming) has {@code quarkus.http.idle-timeout}.
 *
 * <p>Why two values: Vert.x has one idle timeout per connection, and no single value fits both phases. Waiting for
 * headers must be short, or a thousand half-open connections (a few header bytes, then silence) stay open for
 * Quarkus's default 30 minutes; a request in progress may be silent for minutes (a non-streaming generation, a tool
 * call), and must not be cut. So Vert.x's timeout is the header timeout, and the connection's idle handler is swapped
 * for the request timeout when a request's headers arrive and back when its response ends. On HTTP/2 (TLS only)
 * requests share a connection, so the first request switches it to the request timeout for good.
 *
 * <p>The head phase is a deadline, not an idle time: Netty's idle timers restart at every byte read, so a
 * slow-loris client sending a byte every few seconds would keep a connection forever. The server writes nothing
 * while it waits for a request head, so the head phase uses a <em>write</em>-idle timer, which reads never restart:
 * it fires {@code header-timeout} after the connection opened or the last response byte went out, whatever arrived
 * meanwhile.
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
        options.setIdleTimeout(0).setReadIdleTimeout(0).setWriteIdleTimeout(Math.toIntExact(headerMillis))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::requestStarted);
    }

    private void requestStarted(RoutingContext context) {
        HttpConnection connection = context.request().connection();
        if (connection instanceof ConnectionBase base) {
            Channel channel = base.channel();
            swap(channel, new IdleStateHandler(0, 0, requestMillis, TimeUnit.MILLISECONDS));
            if (context.request().version() != HttpVersion.HTTP_2) {
                context.addEndHandler(ended -> swap(channel, headDeadline()));
            }
        }
        context.next();
    }

    /** The head phase's timer: write-idle only, so bytes the client sends never restart it. */
    private IdleStateHandler headDeadline() {
        return new IdleStateHandler(0, headerMillis, 0, TimeUnit.MILLISECONDS);
    }

    // A fresh IdleStateHandler also restarts the clock, so each phase gets its whole time.
    private static void swap(Channel channel, IdleStateHandler handler) {
        channel.eventLoop().execute(() -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (channel.isActive() && pipeline.get(IDLE_HANDLER) != null) {
                pipeline.replace(IDLE_HANDLER, IDLE_HANDLER, handler);
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
