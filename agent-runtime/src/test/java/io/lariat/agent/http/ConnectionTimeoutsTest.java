package io.lariat.agent.http;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raw-socket clients against a one-second {@code lariat.http.header-timeout}: half-open connections (part of a
 * request's headers, then silence) and idle kept-alive ones are closed by the server, while a request in progress
 * keeps Quarkus's long in-request timeout. The read timeout of 60 s only guards against a hang: before the fix these
 * connections stayed open for Quarkus's default 30 minutes, and every read below ran into it.
 */
@QuarkusTest
@TestProfile(ConnectionTimeoutsTest.OneSecond.class)
class ConnectionTimeoutsTest {
    private static final int GUARD_MILLIS = 60_000;
    private static final int HALF_OPEN = 50;

    @TestHTTPResource("/")
    URL base;

    /** The header timeout shortened so the test waits one second, not ten. */
    public static class OneSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lariat.http.header-timeout", "1s");
        }
    }

    @Test
    void halfOpenConnectionsAreClosed() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < HALF_OPEN; i++) {
                Socket socket = connect();
                socket.getOutputStream().write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-"
                        .getBytes(StandardCharsets.US_ASCII));
                sockets.add(socket);
            }
            for (Socket socket : sockets) {
                assertEquals("", readUntilClosed(socket));
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aConnectionThatNeverSendsIsClosed() throws IOException {
        try (Socket socket = connect()) {
            assertEquals("", readUntilClosed(socket));
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAfterItsResponse() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = readUntilClosed(socket);
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertTrue(response.endsWith("\r\n\r\nOllama is running"), response);
        }
    }

    @Test
    void aRequestInProgressMayBeSilentLongerThanTheHeaderTimeout() throws Exception {
        String body = "{\"model\": \"nope\"}";
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/show HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(2500);
            out.write(body.getBytes(StandardCharsets.US_ASCII));
            String response = readUntilClosed(socket);
            assertTrue(response.startsWith("HTTP/1.1 404 Not Found\r\n"), response);
            assertTrue(response.contains("\"error\":\"model 'nope' not found"), response);
        }
    }

    @Test
    void aSlowLorisTricklingItsHeadIsClosedAtTheDeadline() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // one byte every 200 ms for up to 20 s: each byte restarted the old idle timer, so this kept the
            // connection open until the trickle ended; the head deadline cuts it while bytes still arrive
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 100; i++) {
                        Thread.sleep(200);
                        out.write('a');
                        out.flush();
                        sent.incrementAndGet();
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server closed the connection: the trickle ends early
                }
            });
            assertEquals("", readUntilClosed(socket));
            trickle.join();
            assertTrue(sent.get() < 100, "the server waited for the whole trickle (" + sent.get() + " bytes)");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(GUARD_MILLIS);
        return socket;
    }

    // Everything the server sends until it closes the connection; a reset counts as closed.
    private static String readUntilClosed(Socket socket) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        InputStream in = socket.getInputStream();
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the server kept the connection open for " + GUARD_MILLIS + " ms; it sent: "
                    + text, stillOpen);
        } catch (SocketException reset) {
            return text.toString();
        }
        return text.toString();
    }
}
