package io.lariat.agent.http;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Serves HTTP/1.1 only on cleartext connections, as Ollama does; HTTP/2 stays available over TLS.
 *
 * <p>Why: the JDK's default {@code HttpClient} opens each cleartext connection with an {@code h2c} upgrade that
 * carries the first request's body. Vert.x then delivers that body and its end before Quarkus REST, reading on a
 * virtual thread, resumes the request, so about one request in a hundred on a fresh connection failed with 500
 * {@code IllegalStateException: Request has already been read} ({@code Http2ServerRequest.checkEnded}). Refusing
 * the upgrade makes the client continue on HTTP/1.1, where the body is paused until it is read.
 */
@ApplicationScoped
public class CleartextHttp1 implements HttpServerOptionsCustomizer {
    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
