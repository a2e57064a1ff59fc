package io.lariat.agent.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPullerTest {
    @TempDir
    Path dir;
    private LoopbackRegistry registry;
    private ModelStore store;
    private final List<String> statuses = new ArrayList<>();
    private final byte[] config = "{\"model_format\":\"gguf\"}".getBytes(StandardCharsets.UTF_8);
    private final byte[] gguf = fakeGguf(300_000);

    private final PullProgress progress = new PullProgress() {
        @Override
        public void status(String line) {
            statuses.add(line);
        }

        @Override
        public void transfer(String label, long done, long total) {
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

    private ModelPuller puller() {
        return new ModelPuller(HttpClient.newHttpClient(), store, progress);
    }

    static byte[] fakeGguf(int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(7).nextBytes(bytes);
        System.arraycopy("GGUF".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        return bytes;
    }

    private ModelPuller impatientPuller() {
        return new ModelPuller(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), store, progress,
                Duration.ofSeconds(1));
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersTimesOut() throws Exception {
        try (StalledServer server = new StalledServer("")) {
            ModelStoreException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                    ModelStoreException.class, () -> impatientPuller().pull(ModelName.parse("tiny:1b"),
                            server.uri(""))));
            assertEquals("GET " + server.uri("/v2/library/tiny/manifests/1b") + ": no response within 1 s",
                    e.getMessage());
        }
    }

    @Test
    void aBodyThatStallsTimesOutAndKeepsWhatArrivedForResuming() throws Exception {
        try (StalledServer server = new StalledServer("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nGGUF012345")) {
            URI url = server.uri("/stall.gguf");
            ModelStoreException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                    ModelStoreException.class, () -> impatientPuller().pullUrl(url)));
            assertEquals("download of stall.gguf from " + url.getAuthority() + " stalled: no data for 1 s after 10 of 1000 "
                    + "bytes; run the same "
                    + "pull again to resume", e.getMessage());
            Path partial = store.blobs().resolve("partial-" + Integer.toHexString(url.toString().hashCode()));
            assertEquals(10, Files.size(partial));
        }
    }

    @Test
    void aManifestThatStallsTimesOut() throws Exception {
        try (StalledServer server = new StalledServer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"sch")) {
            ModelStoreException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                    ModelStoreException.class, () -> impatientPuller().pull(ModelName.parse("tiny:1b"),
                            server.uri(""))));
            assertEquals("download of the manifest of tiny:1b from " + server.uri("").getAuthority()
                    + " stalled: no data for 1 s", e.getMessage());
        }
    }

    @Test
    void pullsManifestAndBlobsAndVerifiesThem() throws Exception {
        registry.publish("tiny", "1b", config, gguf);
        StoredModel model = puller().pull(ModelName.parse("tiny:1b"), registry.uri());
        assertArrayEquals(gguf, Files.readAllBytes(model.modelBlob()));
        String host = registry.uri().getAuthority();
        assertEquals(new ModelName(host, "library", "tiny", "1b"), model.name());
        assertTrue(Files.isRegularFile(store.manifests().resolve(host).resolve("library/tiny/1b")));
        assertEquals(List.of("pulling manifest", "verifying sha256 digest", "verifying sha256 digest",
                "writing manifest", "success"), statuses);
    }

    @Test
    void aCorruptBlobIsDiscardedAndNoModelAppears() {
        registry.publish("tiny", "latest", config, gguf);
        byte[] bad = gguf.clone();
        bad[1000] ^= 1;
        registry.corrupt(FakeStore.digest(gguf), bad);
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> puller().pull(ModelName.parse("tiny"), registry.uri()));
        assertEquals("blob " + FakeStore.digest(gguf) + " of tiny:latest from " + registry.uri().getAuthority()
                + " is corrupt (received 300000 bytes with digest "
                + FakeStore.digest(bad) + "); the download was discarded", e.getMessage());
        assertTrue(store.list().isEmpty());
        assertFalse(Files.exists(store.blobs().resolve(FakeStore.digest(gguf).replace(':', '-'))));
        assertFalse(Files.exists(store.blobs().resolve(FakeStore.digest(gguf).replace(':', '-') + "-partial")));
    }

    @Test
    void anInterruptedTransferLeavesNoModelAndTheNextPullResumes() throws Exception {
        registry.publish("tiny", "latest", config, gguf);
        String digest = FakeStore.digest(gguf);
        registry.cutOnce(digest, 100_000);
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> puller().pull(ModelName.parse("tiny"), registry.uri()));
        assertTrue(e.getMessage().startsWith("download of " + digest.substring(0, 19) + " from "
                + registry.uri().getAuthority() + " was interrupted after 100000 of 300000 bytes"), e.getMessage());
        assertTrue(store.list().isEmpty());
        Path partial = store.blobs().resolve(digest.replace(':', '-') + "-partial");
        assertEquals(100_000, Files.size(partial));

        StoredModel model = puller().pull(ModelName.parse("tiny"), registry.uri());
        assertArrayEquals(gguf, Files.readAllBytes(model.modelBlob()));
        assertTrue(registry.requests.contains("GET /v2/library/tiny/blobs/" + digest + " bytes=100000-"),
                registry.requests.toString());
        assertFalse(Files.exists(partial));
    }

    @Test
    void anUnknownModelNamesTheRegistry() {
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> puller().pull(ModelName.parse("absent"), registry.uri()));
        assertEquals("model 'absent:latest' not found in registry " + registry.uri(), e.getMessage());
    }

    @Test
    void aDirectGgufUrlIsStoredUnderItsFileName() throws Exception {
        registry.file("/files/Tiny-Model.Q8_0.gguf", gguf);
        StoredModel model = puller().pullUrl(URI.create(registry.uri() + "/files/Tiny-Model.Q8_0.gguf"));
        assertEquals("tiny-model.q8_0", model.name().model());
        assertArrayEquals(gguf, Files.readAllBytes(model.modelBlob()));
        assertEquals(model.modelBlob(), ModelStores.of(java.util.Map.of("LARIAT_MODELS", store.root().toString()),
                dir).resolve(registry.uri().getAuthority() + "/library/tiny-model.q8_0"));
    }

    @Test
    void aDirectUrlThatIsNotGgufIsDiscarded() {
        registry.file("/files/page.gguf", "<html>not found</html>".getBytes(StandardCharsets.UTF_8));
        URI url = URI.create(registry.uri() + "/files/page.gguf");
        ModelStoreException e = assertThrows(ModelStoreException.class, () -> puller().pullUrl(url));
        assertEquals(url + " is not a GGUF file (no GGUF magic); the download was discarded", e.getMessage());
        assertTrue(store.list().isEmpty());
    }

    @Test
    void blobsRedirectedToAStorageHostArriveWithTheirRange() throws Exception {
        try (LoopbackRegistry cdn = new LoopbackRegistry()) {
            registry.publish("tiny", "latest", config, gguf);
            cdn.publish("tiny", "latest", config, gguf);
            String digest = FakeStore.digest(gguf);
            String blobPath = "/v2/library/tiny/blobs/" + digest;
            registry.redirect(blobPath, cdn.uri() + blobPath);
            cdn.cutOnce(digest, 120_000);
            assertThrows(ModelStoreException.class, () -> puller().pull(ModelName.parse("tiny"), registry.uri()));
            StoredModel model = puller().pull(ModelName.parse("tiny"), registry.uri());
            assertArrayEquals(gguf, Files.readAllBytes(model.modelBlob()));
            assertTrue(cdn.requests.contains("GET " + blobPath + " bytes=120000-"), cdn.requests.toString());
        }
    }

    @Test
    void aRedirectLoopStopsAfterFiveHops() {
        registry.publish("tiny", "latest", config, gguf);
        String blobPath = "/v2/library/tiny/blobs/" + FakeStore.digest(gguf);
        registry.redirect(blobPath, blobPath);
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> puller().pull(ModelName.parse("tiny"), registry.uri()));
        assertEquals("GET " + registry.uri() + blobPath + " redirected to " + blobPath
                + ": more than 5 redirects in a row; refused", e.getMessage());
        assertEquals(6, registry.requests.stream().filter(r -> r.startsWith("GET " + blobPath)).count());
        assertTrue(store.list().isEmpty());
    }

    @Test
    void aRedirectToAFileAddressIsRefused() {
        registry.publish("tiny", "latest", config, gguf);
        registry.redirect("/v2/library/tiny/manifests/latest", "file:///etc/passwd");
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> puller().pull(ModelName.parse("tiny"), registry.uri()));
        assertEquals("GET " + registry.uri() + "/v2/library/tiny/manifests/latest redirected to file:///etc/passwd: "
                + "only http and https addresses are followed; refused", e.getMessage());
    }

    @Test
    void aSecondPullOfTheSameBlobWaitsForTheFirstAndDownloadsNothingTwice() throws Exception {
        registry.publish("tiny", "latest", config, gguf);
        String digest = FakeStore.digest(gguf);
        java.util.concurrent.CountDownLatch gate = registry.hold(digest);
        List<String> secondStatuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        PullProgress second = new PullProgress() {
            @Override
            public void status(String line) {
                secondStatuses.add(line);
                if (line.startsWith("waiting for another pull")) {
                    gate.countDown();
                }
            }

            @Override
            public void transfer(String label, long done, long total) {
            }

            @Override
            public void transferEnded(String label) {
            }
        };
        try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var first = pool.submit(() -> puller().pull(ModelName.parse("tiny"), registry.uri()));
            while (registry.requests.stream().noneMatch(r -> r.endsWith("/blobs/" + digest))) {
                Thread.sleep(5);
            }
            var other = pool.submit(() -> new ModelPuller(HttpClient.newHttpClient(), store, second)
                    .pull(ModelName.parse("tiny"), registry.uri()));
            StoredModel a = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
            StoredModel b = other.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(a.modelBlob(), b.modelBlob());
            assertArrayEquals(gguf, Files.readAllBytes(a.modelBlob()));
        }
        assertTrue(secondStatuses.contains("waiting for another pull of " + digest.substring(0, 19)),
                secondStatuses.toString());
        assertEquals(1, registry.requests.stream().filter(r -> r.endsWith("/blobs/" + digest)).count(),
                registry.requests.toString());
    }
}
