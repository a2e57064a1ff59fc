package io.lariat.agent.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server that accepts connections, reads nothing, writes {@code prefix} (possibly empty) and then
 * keeps the connection open without another byte (a stalled transfer), or trickles a byte every 50 ms (a transfer
 * never idle but never done).
 */
final class StalledServer implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    StalledServer(String prefix) throws IOException {
        this(prefix, 0);
    }

    /** After {@code prefix}, writes {@code trickle} more bytes ({@code x}), one every 50 ms. */
    StalledServer(String prefix, int trickle) throws IOException {
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    open.add(socket);
                    socket.getOutputStream().write(prefix.getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                    Thread.ofPlatform().daemon().start(() -> trickle(socket, trickle));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private static void trickle(Socket socket, int bytes) {
        try {
            for (int i = 0; i < bytes; i++) {
                Thread.sleep(50);
                socket.getOutputStream().write('x');
                socket.getOutputStream().flush();
            }
        } catch (IOException | InterruptedException closed) {
            // The client gave up, which is what the test waits for.
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}

