package io.lariat.agent.http;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestMulti;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Writes a stream of pre-framed text (SSE events, NDJSON lines, or one JSON document) as the response body, with
 * the dialects' error rule: a failure before the first frame propagates, so the exception mappers set the status; a
 * failure after it ends the stream with the dialect's error frame.
 *
 * <p>The frames are written verbatim (Quarkus REST adds no framing to a {@code RestMulti} of buffers on a method
 * without {@code @Produces}); the subscriber's demand paces delivery, and cancelling the subscription (the client
 * went away) cancels the source.
 */
public final class ResponseStreams {
    private static final Logger LOG = Logger.getLogger(ResponseStreams.class);

    private ResponseStreams() {
    }

    /**
     * The response body.
     *
     * @param frames      each item one complete frame
     * @param contentType the response's content type
     * @param errorFrame  the frame reporting a failure after the first frame
     */
    public static RestMulti<Buffer> body(Multi<String> frames, String contentType,
                                         Function<ApiError, String> errorFrame) {
        AtomicBoolean started = new AtomicBoolean();
        Multi<Buffer> buffers = frames.onItem().invoke(() -> started.set(true))
                .onFailure().recoverWithMulti(failure -> {
                    if (!started.get()) {
                        return Multi.createFrom().failure(failure);
                    }
                    ApiError error = ApiError.of(failure);
                    if (error.serverError()) {
                        LOG.error("stream failed after its first frame", failure);
                    }
                    return Multi.createFrom().item(errorFrame.apply(error));
                })
                .map(Buffer::buffer);
        return RestMulti.fromMultiData(buffers).header("Content-Type", contentType)
                .header("Cache-Control", "no-cache").build();
    }
}
