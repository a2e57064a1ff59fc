package io.lariat.agent.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
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
import java.util.Locale;
import java.util.Set;

/**
 * One blob transfer into a {@code -partial} file: resumes what an earlier attempt left (HTTP Range), hashes every
 * byte, never writes past the blob's declared size, and never leaves a file under a final name unless its sha256
 * matched.
 *
 * <p>Nothing waits forever: connecting is bounded by the client's connect timeout, the response headers and every
 * gap between body bytes by the idle timeout, the whole transfer by a deadline scaled by the blob's size
 * ({@link PullLimits}); each failure is one line naming the host.
 */
final class BlobDownload {
    /** Most redirects followed in a row (the JDK client's own default). */
    static final int MAX_REDIRECTS = 5;
    private static final int CHUNK = 1 << 16;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClient http;
    private final PullProgress progress;
    private final PullLimits limits;

    BlobDownload(HttpClient http, PullProgress progress, PullLimits limits) {
        this.http = http;
        this.progress = progress;
        this.limits = limits;
    }

    /**
     * Sends a GET {@code request} with the idle timeout as its response deadline, following redirects: to any host
     * (registries send blobs to storage hosts), with the same headers (a {@code Range} must reach the storage host),
     * but never to a scheme other than http and https, never from https to http, and at most
     * {@value #MAX_REDIRECTS} in a row.
     *
     * @throws ModelStoreException naming the host when connecting fails or times out, when no response comes within
     *                             the idle timeout, on interrupt, or naming the hop when a redirect is refused
     * @throws IOException         when the exchange fails otherwise
     */
    static HttpResponse<InputStream> send(HttpClient http, HttpRequest.Builder request, Duration idleTimeout)
            throws IOException {
        HttpRequest built = request.timeout(idleTimeout).build();
        for (int hops = 0; ; hops++) {
            HttpResponse<InputStream> response = exchange(http, built);
            String location = response.headers().firstValue("Location").orElse(null);
            if (!REDIRECTS.contains(response.statusCode()) || location == null) {
                return response;
            }
            response.body().close();
            URI next = redirectTarget(built.uri(), location, hops);
            built = HttpRequest.newBuilder(built, (name, value) -> true).uri(next).build();
        }
    }

    /** Where a redirect from {@code from} to {@code location} leads, if the rule allows it. */
    static URI redirectTarget(URI from, String location, int hopsSoFar) {
        String what = "GET " + from + " redirected to " + location;
        if (hopsSoFar >= MAX_REDIRECTS) {
            throw new ModelStoreException(what + ": more than " + MAX_REDIRECTS + " redirects in a row; refused");
        }
        URI next;
        try {
            next = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new ModelStoreException(what + ": not a valid address; refused", e);
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ModelStoreException(what + ": only http and https addresses are followed; refused");
        }
        if (from.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
            throw new ModelStoreException(what + ": a redirect from https to plain http is refused");
        }
        if (next.getHost() == null) {
            throw new ModelStoreException(what + ": the address names no host; refused");
        }
        return next;
    }

    private static HttpResponse<InputStream> exchange(HttpClient http, HttpRequest built) throws IOException {
        String what = built.method() + " " + built.uri();
        String host = built.uri().getAuthority();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new ModelStoreException(what + ": cannot connect to " + host + " within "
                    + http.connectTimeout().map(BlobDownload::human).orElse("the connect timeout"), e);
        } catch (HttpTimeoutException e) {
            throw new ModelStoreException(what + ": no response within "
                    + human(built.timeout().orElseThrow()), e);
        } catch (ConnectException e) {
            throw new ModelStoreException("cannot connect to " + host + ": " + (e.getMessage() == null
                    ? "connection refused" : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelStoreException(what + " was interrupted", e);
        }
    }

    /**
     * Reads a small body whole: at most {@code maxBytes}, and failing when it stalls for the idle timeout.
     *
     * @throws ModelStoreException naming {@code label} when the body is larger than {@code maxBytes} or stalls
     * @throws IOException         when the transfer fails otherwise
     */
    static byte[] readAll(InputStream body, PullLimits limits, long maxBytes, String label) throws IOException {
        TransferWatch watch = new TransferWatch(limits, maxBytes, body);
        try (watch; InputStream in = body) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = in.read(buffer)) > 0; ) {
                watch.touch(bytes.size() + n);
                if (bytes.size() + n > maxBytes) {
                    throw new ModelStoreException(label + " is larger than " + human(maxBytes) + "; refused");
                }
                bytes.write(buffer, 0, n);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            if (watch.expired() == TransferWatch.Expiry.IDLE) {
                throw new ModelStoreException("download of " + label + " stalled: no data for "
                        + human(limits.idleTimeout()), e);
            } else if (watch.expired() == TransferWatch.Expiry.DEADLINE) {
                throw new ModelStoreException("download of " + label + " missed its deadline of "
                        + human(watch.deadline()), e);
            }
            throw e;
        }
    }

    /** {@code 30 s} or {@code 250 ms}. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** {@code 4 MiB} or {@code 300 bytes}. */
    static String human(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /**
     * Downloads {@code uri} into {@code partial}, resuming it, and returns the sha256 digest ({@code sha256:<hex>})
     * of the whole file. {@code declaredSize} is -1 when unknown; a body longer than it is refused.
     *
     * @throws ModelStoreException when the server refuses or the transfer breaks (the partial file stays, except
     *                             when the body exceeds the declared size)
     */
    String fetch(URI uri, Path partial, long declaredSize, String label) {
        String what = label + " from " + uri.getAuthority();
        try {
            Files.createDirectories(partial.getParent());
            long have = Files.exists(partial) ? Files.size(partial) : 0;
            if (declaredSize >= 0 && have > declaredSize) {
                Files.delete(partial);
                have = 0;
            }
            MessageDigest sha = sha256();
            if (have > 0) {
                hashFile(partial, sha);
            }
            if (declaredSize >= 0 && have == declaredSize) {
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
            long limit = declaredSize >= 0 ? declaredSize : length >= 0 ? have + length : -1;
            copy(response.body(), partial, have, limit, sha, label, what);
            return digest(sha);
        } catch (IOException e) {
            throw new ModelStoreException("download of " + what + " failed: " + e.getMessage(), e);
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
        return send(http, request, limits.idleTimeout());
    }

    /** Appends the body to {@code partial} from {@code start}, never past {@code limit} bytes (-1: no limit). */
    private void copy(InputStream body, Path partial, long start, long limit, MessageDigest sha, String label,
                      String what) throws IOException {
        long done = start;
        TransferWatch watch = new TransferWatch(limits, limit, body);
        try (watch; InputStream in = body; FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            out.truncate(start);
            out.position(start);
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = in.read(buffer)) > 0; ) {
                watch.touch(done + n);
                if (limit >= 0 && done + n > limit) {
                    out.close();
                    Files.deleteIfExists(partial);
                    throw new ModelStoreException("download of " + what + " sent more than its declared " + limit
                            + " bytes; the download was discarded");
                }
                out.write(ByteBuffer.wrap(buffer, 0, n));
                sha.update(buffer, 0, n);
                done += n;
                progress.transfer(label, done, limit);
            }
        } catch (IOException e) {
            throw broken(watch, what, done, limit, e);
        }
        if (limit >= 0 && done < limit) {
            throw interrupted(what, done, limit, null);
        }
    }

    private ModelStoreException broken(TransferWatch watch, String what, long done, long limit, IOException e) {
        String progressed = " after " + done + " of " + (limit < 0 ? "?" : Long.toString(limit)) + " bytes; run "
                + "the same pull again to resume";
        return switch (watch.expired()) {
            case IDLE -> new ModelStoreException("download of " + what + " stalled: no data for "
                    + human(limits.idleTimeout()) + progressed, e);
            case DEADLINE -> new ModelStoreException("download of " + what + " missed its deadline of "
                    + human(watch.deadline()) + progressed, e);
            case null -> interrupted(what, done, limit, e);
        };
    }

    private static ModelStoreException interrupted(String what, long done, long total, IOException cause) {
        return new ModelStoreException("download of " + what + " was interrupted after " + done + " of "
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

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String digest(MessageDigest sha) {
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
