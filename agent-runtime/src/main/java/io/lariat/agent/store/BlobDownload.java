package io.lariat.agent.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * One blob transfer into a {@code -partial} file: resumes what an earlier attempt left (HTTP Range), hashes every
 * byte, and never leaves a file under a final name unless its sha256 matched.
 *
 * <p>Nothing waits forever: connecting is bounded by the client's connect timeout, the response headers and every
 * gap between body bytes by the idle timeout; either failure is one line naming the host or the blob.
 */
final class BlobDownload {
    private static final int CHUNK = 1 << 16;

    private final HttpClient http;
    private final PullProgress progress;
    private final Duration idleTimeout;

    BlobDownload(HttpClient http, PullProgress progress, Duration idleTimeout) {
        this.http = http;
        this.progress = progress;
        this.idleTimeout = idleTimeout;
    }

    /**
     * Sends {@code request} with the idle timeout as its response deadline.
     *
     * @throws ModelStoreException when connecting or waiting for the response headers times out, or on interrupt
     * @throws IOException         when the exchange fails otherwise
     */
    static <T> HttpResponse<T> send(HttpClient http, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body,
                                    Duration idleTimeout) throws IOException {
        HttpRequest built = request.timeout(idleTimeout).build();
        String what = built.method() + " " + built.uri();
        try {
            return http.send(built, body);
        } catch (HttpConnectTimeoutException e) {
            throw new ModelStoreException(what + ": cannot connect to " + built.uri().getAuthority() + " within "
                    + http.connectTimeout().map(BlobDownload::human).orElse("the connect timeout"), e);
        } catch (HttpTimeoutException e) {
            throw new ModelStoreException(what + ": no response within " + human(idleTimeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelStoreException(what + " was interrupted", e);
        }
    }

    /**
     * Reads a small body whole, failing when it stalls for the idle timeout.
     *
     * @throws ModelStoreException naming {@code label} when the body stalls
     * @throws IOException         when the transfer fails otherwise
     */
    static byte[] readAll(InputStream body, Duration idleTimeout, String label) throws IOException {
        IdleWatch watch = new IdleWatch(idleTimeout, body);
        try (watch; InputStream in = body) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = in.read(buffer)) > 0; ) {
                watch.touch();
                bytes.write(buffer, 0, n);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            if (watch.expired()) {
                throw new ModelStoreException("download of " + label + " stalled: no data for "
                        + human(idleTimeout), e);
            }
            throw e;
        }
    }

    /** {@code 30 s} or {@code 250 ms}. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /**
     * Downloads {@code uri} into {@code partial}, resuming it, and returns the sha256 digest ({@code sha256:<hex>})
     * of the whole file. {@code expectedSize} is -1 when unknown.
     *
     * @throws ModelStoreException when the server refuses or the transfer breaks (the partial file stays)
     */
    String fetch(URI uri, Path partial, long expectedSize, String label) {
        try {
            Files.createDirectories(partial.getParent());
            long have = Files.exists(partial) ? Files.size(partial) : 0;
            if (expectedSize >= 0 && have > expectedSize) {
                Files.delete(partial);
                have = 0;
            }
            MessageDigest sha = sha256();
            if (have > 0) {
                hashFile(partial, sha);
            }
            if (expectedSize >= 0 && have == expectedSize) {
                return digest(sha);
            }
            HttpResponse<InputStream> response = request(uri, have);
            if (response.statusCode() == 200 && have > 0) {
                have = 0;
                sha = sha256();
            } else if (response.statusCode() != 200 && response.statusCode() != 206) {
                response.body().close();
                throw new ModelStoreException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long total = length >= 0 ? have + length : expectedSize;
            copy(response.body(), partial, have, total, sha, label);
            return digest(sha);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            progress.transferEnded(label);
        }
    }

    /** Moves a verified partial file to its final name atomically (never a half-written blob under that name). */
    static void commit(Path partial, Path target) {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<InputStream> request(URI uri, long from) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (from > 0) {
            request.header("Range", "bytes=" + from + "-");
        }
        return send(http, request, HttpResponse.BodyHandlers.ofInputStream(), idleTimeout);
    }

    private void copy(InputStream body, Path partial, long start, long total, MessageDigest sha, String label)
            throws IOException {
        long done = start;
        IdleWatch watch = new IdleWatch(idleTimeout, body);
        try (watch; InputStream in = body; FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            out.truncate(start);
            out.position(start);
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = in.read(buffer)) > 0; ) {
                watch.touch();
                out.write(ByteBuffer.wrap(buffer, 0, n));
                sha.update(buffer, 0, n);
                done += n;
                progress.transfer(label, done, total);
            }
        } catch (IOException e) {
            if (watch.expired()) {
                throw new ModelStoreException("download of " + label + " stalled: no data for "
                        + human(idleTimeout) + " after " + done + " of " + (total < 0 ? "?" : Long.toString(total))
                        + " bytes; run the same pull again to resume", e);
            }
            throw interrupted(label, done, total, e);
        }
        if (total >= 0 && done < total) {
            throw interrupted(label, done, total, null);
        }
    }

    private static ModelStoreException interrupted(String label, long done, long total, IOException cause) {
        return new ModelStoreException("download of " + label + " was interrupted after " + done + " of "
                + (total < 0 ? "?" : Long.toString(total)) + " bytes; run the same pull again to resume", cause);
    }

    private static void hashFile(Path file, MessageDigest sha) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String digest(MessageDigest sha) {
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
