package io.lariat.agent.http;

import io.lariat.agent.InvalidRequestException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/**
 * Gives a request line too long for Vert.x to parse (over {@link RequestLimits#PARSE_FACTOR} times
 * {@code quarkus.http.limits.max-initial-line-length}, 64 KiB by default) the 414 in its dialect's JSON shape that
 * {@link RequestLimits} gives shorter ones.
 *
 * <p>Netty stops parsing such a line and drops what it read, the path with it, and Vert.x answers a bare 414 from a
 * placeholder request. So each connection keeps the first {@link #KEPT_BYTES} bytes of its current request line
 * (a handler at the head of its pipeline, before the HTTP decoder), and a handler after the HTTP encoder replaces
 * Vert.x's empty 414 by the error body of the dialect of the path those bytes begin with, logging one line. The
 * handlers are added to each connection as the server accepts it: Vert.x offers no hook there, so the server's
 * listening channel is found through Vert.x's registry of shared servers. Cleartext HTTP/1.1 only (the server's
 * protocol on cleartext, {@link CleartextHttp1}); on TLS the bytes at the head are encrypted and Vert.x's bare 414
 * stays.
 */
@ApplicationScoped
public class OverlongLines {
    /** Bytes of a request line kept: the method and enough of the path to know its dialect. */
    static final int KEPT_BYTES = 128;

    private static final Logger LOG = Logger.getLogger(OverlongLines.class);
    private static final String ACCEPTOR = "lariat-overlong-lines";
    private static final String HEAD = "lariat-line-head";
    private static final String ANSWER = "lariat-line-answer";

    private final int lineBytes;

    OverlongLines(@ConfigProperty(name = "quarkus.http.limits.max-initial-line-length", defaultValue = "4096")
                  int lineBytes) {
        this.lineBytes = lineBytes;
    }

    /**
     * Watches the connections of every HTTP server of this process once they listen.
     *
     * @throws IllegalStateException when Vert.x's internals changed and the listening channel cannot be found
     */
    void watch(@ObservesAsync HttpServerStart start, Vertx vertx) {
        for (TCPServerBase server : ((VertxInternal) vertx).sharedHttpServers().values()) {
            Channel listening = listeningChannel(server);
            if (listening != null && listening.pipeline().get(ACCEPTOR) == null) {
                listening.pipeline().addFirst(ACCEPTOR, new Acceptor());
            }
        }
    }

    private static Channel listeningChannel(TCPServerBase server) {
        try {
            Field bind = TCPServerBase.class.getDeclaredField("bindFuture");
            bind.setAccessible(true);
            io.vertx.core.Future<?> bound = (io.vertx.core.Future<?>) bind.get(server);
            return bound != null && bound.succeeded() ? (Channel) bound.result() : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot find the HTTP server's listening channel in Vert.x "
                    + "(TCPServerBase.bindFuture): request lines over the parse limit would get a bare 414", e);
        }
    }

    /** On the listening channel: gives each accepted connection its {@link Head}, before Vert.x's handlers. */
    @ChannelHandler.Sharable
    private final class Acceptor extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof Channel connection) {
                connection.pipeline().addFirst(HEAD, new Head());
            }
            context.fireChannelRead(message);
        }
    }

    /** The first bytes of the connection's current request line, as they arrive. */
    private final class Head extends ChannelInboundHandlerAdapter {
        private final StringBuilder kept = new StringBuilder();
        private boolean keeping = true;

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (context.pipeline().get(ANSWER) == null) {
                if (context.pipeline().get("ssl") != null || context.pipeline().get("httpEncoder") == null) {
                    context.pipeline().remove(this);
                    context.fireChannelRead(message);
                    return;
                }
                context.pipeline().addAfter("httpEncoder", ANSWER, new Answer(this));
            }
            if (keeping && message instanceof ByteBuf bytes) {
                int take = Math.min(bytes.readableBytes(), KEPT_BYTES - kept.length());
                kept.append(bytes.toString(bytes.readerIndex(), take, StandardCharsets.ISO_8859_1));
                keeping = kept.length() < KEPT_BYTES;
            }
            context.fireChannelRead(message);
        }

        /** A request's head was parsed: stop keeping until it has ended. */
        void parsed() {
            keeping = false;
        }

        /** A request ended: the next bytes begin the next request line. */
        void ended() {
            kept.setLength(0);
            keeping = true;
        }

        /** The path the kept bytes begin with, {@code /} when they do not show one. */
        String path() {
            String line = kept.toString().stripLeading();
            int start = line.indexOf(' ') + 1;
            if (start == 0) {
                return "/";
            }
            int end = start;
            while (end < line.length() && " ?#".indexOf(line.charAt(end)) < 0) {
                end++;
            }
            return line.substring(start, end);
        }

        String method() {
            String line = kept.toString().stripLeading();
            return line.indexOf(' ') > 0 ? line.substring(0, line.indexOf(' ')) : "?";
        }
    }

    /** After the HTTP codec: tracks request boundaries, and answers Vert.x's bare 414 in the request's dialect. */
    private final class Answer extends ChannelDuplexHandler {
        private final Head head;
        private boolean overlong;

        Answer(Head head) {
            this.head = head;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest request) {
                overlong = request.decoderResult().cause() instanceof TooLongHttpLineException;
                head.parsed();
            }
            if (message instanceof LastHttpContent && !overlong) {
                head.ended();
            }
            context.fireChannelRead(message);
        }

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (overlong && message instanceof HttpResponse response
                    && response.status().code() == HttpResponseStatus.REQUEST_URI_TOO_LONG.code()) {
                ReferenceCountUtil.release(message);
                context.write(answer(), promise);
                return;
            }
            context.write(message, promise);
        }

        private FullHttpResponse answer() {
            String path = head.path();
            InvalidRequestException problem = InvalidRequestException.lineTooLong(lineBytes);
            LOG.infof("%s %s... refused (414): %s", head.method(), path, problem.getMessage());
            byte[] body = Json.write(ErrorDialect.forPath(path).body(ApiError.of(problem)))
                    .getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_URI_TOO_LONG, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return response;
        }
    }
}
