package io.lariat.tools.builtin;

import io.lariat.tools.RemoteServiceException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The one way the built-ins' online backends call their services: a failed or interrupted request becomes a
 * {@link RemoteServiceException} naming the service (status 0), so the circuit breaker and the model see one shape.
 */
public final class RemoteCalls {
    private RemoteCalls() {
    }

    /**
     * Sends {@code request} and reads the body as UTF-8 text, whatever the status.
     *
     * @throws RemoteServiceException if the request fails or the calling thread is interrupted (the interrupt flag is
     *     restored)
     */
    public static HttpResponse<String> send(HttpClient http, HttpRequest request, String service) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RemoteServiceException(service, 0, "request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteServiceException(service, 0, "request interrupted", e);
        }
    }
}
