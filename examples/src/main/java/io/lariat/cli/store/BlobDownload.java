package io.lariat.cli.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One blob transfer into a {@code -partial} file: resumes what an earlier attempt left (HTTP Range), hashes every
 * byte, and never leaves a file under a final name unless its sha256 matched.
 */
final class BlobDownload {
    private static final int CHUNK = 1 << 16;

    private final HttpClient http;
    private final PullProgress progress;

    BlobDownload(HttpClient http, PullProgress progress) {
        this.http = http;
        this.progress = progress;
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
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelStoreException("download of " + uri + " was interrupted", e);
        }
    }

    private void copy(InputStream body, Path partial, long start, long total, MessageDigest sha, String label)
            throws IOException {
        long done = start;
        try (InputStream in = body; FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            out.truncate(start);
            out.position(start);
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(ByteBuffer.wrap(buffer, 0, n));
                sha.update(buffer, 0, n);
                done += n;
                progress.transfer(label, done, total);
            }
        } catch (IOException e) {
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
