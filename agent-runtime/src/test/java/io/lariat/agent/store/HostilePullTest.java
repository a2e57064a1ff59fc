package io.lariat.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registries that misbehave (issue 16, "Model pull"): each is refused with one line, and no model appears. */
class HostilePullTest {
    @TempDir
    Path dir;
    private LoopbackRegistry registry;
    private ModelStore store;
    private final List<long[]> transfers = new ArrayList<>();
    private final byte[] config = "{\"model_format\":\"gguf\"}".getBytes(StandardCharsets.UTF_8);
    private final byte[] gguf = ModelPullerTest.fakeGguf(200_000);

    private final PullProgress progress = new PullProgress() {
        @Override
        public void status(String line) {
        }

        @Override
        public void transfer(String label, long done, long total) {
            transfers.add(new long[] {done, total});
        }

        @Override
        public void transferEnded(String label) {
        }
    };

    @BeforeEach
    void start() throws Exception {
        registry = new LoopbackRegistry();
        store = new ModelStore("lariat", dir.resolve("models"));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private ModelPuller puller(PullLimits limits) {
        return new ModelPuller(HttpClient.newHttpClient(), store, progress, limits);
    }

    private ModelPuller puller() {
        return puller(PullLimits.DEFAULT);
    }

    private String host() {
        return registry.uri().getAuthority();
    }

    private void assertNoModel() throws Exception {
        assertTrue(store.list().isEmpty());
        assertFalse(Files.exists(store.manifests()));
    }

    @Test
    void aManifestLargerThanTheLimitIsRefusedWhileStreaming() throws Exception {
        byte[] huge = ("{\"layers\":[" + "{},".repeat(200_000) + "{}]}").getBytes(StandardCharsets.UTF_8);
        registry.file("/v2/library/big/manifests/latest", huge);
        registry.chunked("/v2/library/big/manifests/latest");
        PullLimits limits = new PullLimits(Duration.ofSeconds(30), 64 << 10, Duration.ofMinutes(1), 1 << 20);
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> puller(limits).pull(ModelName.parse("big"), registry.uri()));
        assertEquals("the manifest of big:latest from " + host() + " is larger than 65536 bytes; refused",
                e.getMessage());
        assertNoModel();
    }

    @Test
    void theDefaultManifestLimitIsFourMebibytes() throws Exception {
        byte[] huge = new byte[(4 << 20) + 1];
        Arrays.fill(huge, (byte) ' ');
        registry.file("/v2/library/big/manifests/latest", huge);
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> puller().pull(ModelName.parse("big"), registry.uri()));
        assertEquals("the manifest of big:latest from " + host() + " is larger than 4 MiB; refused", e.getMessage());
    }

    @Test
    void aManifestThatIsNotJsonIsOneLine() throws Exception {
        registry.file("/v2/library/page/manifests/latest",
                "<html>\n<body>Sign in to continue</body></html>".getBytes(StandardCharsets.UTF_8));
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> puller().pull(ModelName.parse("page"), registry.uri()));
        assertEquals("the manifest of page:latest from " + host() + " is not JSON (it starts with '<html> <body>Sign "
                + "in to continue</body><…')", e.getMessage());
        assertNoModel();
    }

    @Test
    void aBlobLongerThanDeclaredIsNeverWrittenPastItsSize() throws Exception {
        registry.publish("tiny", "latest", config, gguf);
        byte[] longer = Arrays.copyOf(gguf, gguf.length + 70_000);
        registry.corrupt(FakeStore.digest(gguf), longer);
        registry.chunked(FakeStore.digest(gguf));
        String digest = FakeStore.digest(gguf);
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> puller().pull(ModelName.parse("tiny"), registry.uri()));
        assertEquals("download of " + digest.substring(0, 19) + " from " + host() + " sent more than its declared "
                + "200000 bytes; the download was discarded", e.getMessage());
        assertFalse(Files.exists(store.blobs().resolve(digest.replace(':', '-') + "-partial")));
        assertTrue(transfers.stream().allMatch(t -> t[0] <= t[1]));
        assertEquals(200_000, transfers.getLast()[1]);
        assertNoModel();
    }

    @Test
    void aChunkedBlobArrivesWithProgressWithinItsSize() throws Exception {
        registry.publish("tiny", "latest", config, gguf);
        registry.chunked(FakeStore.digest(gguf));
        StoredModel model = puller().pull(ModelName.parse("tiny"), registry.uri());
        assertEquals(gguf.length, Files.size(model.modelBlob()));
        List<long[]> ofModel = transfers.stream().filter(t -> t[1] == gguf.length).toList();
        assertFalse(ofModel.isEmpty());
        assertTrue(transfers.stream().allMatch(t -> t[0] >= 0 && t[1] >= 0 && t[0] <= t[1]));
        assertEquals(gguf.length, ofModel.getLast()[0]);
    }

    @Test
    void aChunkedDirectUrlHasNoNegativeCounts() throws Exception {
        registry.file("/files/model.gguf", gguf);
        registry.chunked("/files/model.gguf");
        StoredModel model = puller().pullUrl(URI.create(registry.uri() + "/files/model.gguf"));
        assertEquals(gguf.length, Files.size(model.modelBlob()));
        assertTrue(transfers.stream().allMatch(t -> t[0] > 0 && t[1] == -1), "unknown total is -1, never negative");
    }

    @Test
    void aTransferThatTricklesMissesItsDeadline() throws Exception {
        PullLimits limits = new PullLimits(Duration.ofSeconds(5), 1 << 20, Duration.ofMillis(300), 1000);
        try (StalledServer server = new StalledServer("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nGGUF", 1000)) {
            URI url = server.uri("/slow.gguf");
            ModelStoreException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                    ModelStoreException.class, () -> puller(limits).pullUrl(url)));
            assertTrue(e.getMessage().matches("download of slow\\.gguf from " + url.getAuthority().replace(".", "\\.")
                    + " missed its deadline of 1300 ms after \\d+ of 1000 bytes; run the same pull again to "
                    + "resume"), e.getMessage());
        }
    }

    @Test
    void theDeadlineScalesWithTheBlobSize() {
        PullLimits limits = PullLimits.DEFAULT;
        assertEquals(Duration.ofMinutes(1), limits.blobDeadline(0));
        assertEquals(Duration.ofMinutes(1).plusSeconds(4), limits.blobDeadline(1 << 20));
        assertEquals(Duration.ofMinutes(1).plusSeconds(4 * 4700), limits.blobDeadline(4700L << 20));
    }

    @Test
    void aModelLayerWithoutTheGgufMagicWritesNoManifest() throws Exception {
        byte[] notGguf = "PK\u0003\u0004 a zip, not weights".getBytes(StandardCharsets.ISO_8859_1);
        registry.publish("zip", "latest", config, notGguf);
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> puller().pull(ModelName.parse("zip"), registry.uri()));
        assertEquals("the model layer " + FakeStore.digest(notGguf) + " of zip:latest from " + host()
                + " is not a GGUF file (no GGUF magic); the download was discarded", e.getMessage());
        assertNoModel();
        // no data of the discarded blob stays (its empty lock file stays beside the blobs, by design: BlobLock)
        try (Stream<Path> blobs = Files.list(store.blobs())) {
            assertEquals(List.of(), blobs
                    .map(b -> b.getFileName().toString())
                    .filter(n -> n.startsWith(FakeStore.digest(notGguf).replace(':', '-'))).toList());
        }
    }

    @Test
    void aUrlWithoutAFileNameIsOneLine() {
        for (String url : List.of(registry.uri() + "/", registry.uri().toString(), registry.uri() + "/dir/",
                registry.uri() + "/%20.gguf")) {
            ModelStoreException e = assertThrows(ModelStoreException.class, () -> puller().pullUrl(URI.create(url)));
            assertEquals("the URL " + url + " names no file; give the address of a .gguf file, such as "
                    + "https://host/path/model.gguf", e.getMessage());
        }
        assertTrue(registry.requests.isEmpty(), registry.requests.toString());
    }

    @Test
    void aRefusedConnectionNamesTheHost() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> puller().pull(ModelName.parse("tiny"), URI.create("http://127.0.0.1:" + port)));
        assertEquals("cannot connect to 127.0.0.1:" + port + ": connection refused", e.getMessage());
    }
}
