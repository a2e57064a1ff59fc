package io.lariat.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The redirect rule of pulls: any host, http(s) only, never down from https, at most five in a row. */
class BlobDownloadTest {
    private static final URI REGISTRY = URI.create("https://registry.example/v2/library/m/blobs/sha256:ab");

    @Test
    void aRedirectToAnotherHostIsFollowed() {
        assertEquals(URI.create("https://cdn.example/blob?sig=1"),
                BlobDownload.redirectTarget(REGISTRY, "https://cdn.example/blob?sig=1", 0));
        assertEquals(URI.create("http://other.example/x"),
                BlobDownload.redirectTarget(URI.create("http://r.example/a"), "http://other.example/x", 4));
    }

    @Test
    void aRelativeLocationResolvesAgainstTheRequest() {
        assertEquals(URI.create("https://registry.example/store/ab"),
                BlobDownload.redirectTarget(REGISTRY, "/store/ab", 0));
    }

    @Test
    void httpsToHttpIsRefused() {
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> BlobDownload.redirectTarget(REGISTRY, "http://cdn.example/blob", 0));
        assertEquals("GET " + REGISTRY + " redirected to http://cdn.example/blob: a redirect from https to plain "
                + "http is refused", e.getMessage());
    }

    @Test
    void otherSchemesAreRefused() {
        for (String location : new String[] {"file:///etc/passwd", "ftp://cdn.example/blob", "jar:file:/x!/y"}) {
            ModelStoreException e = assertThrows(ModelStoreException.class,
                    () -> BlobDownload.redirectTarget(REGISTRY, location, 0));
            assertEquals("GET " + REGISTRY + " redirected to " + location + ": only http and https addresses are "
                    + "followed; refused", e.getMessage());
        }
    }

    @Test
    void theSixthRedirectInARowIsRefused() {
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> BlobDownload.redirectTarget(REGISTRY, "https://cdn.example/blob", 5));
        assertEquals("GET " + REGISTRY + " redirected to https://cdn.example/blob: more than 5 redirects in a row; "
                + "refused", e.getMessage());
    }

    @Test
    void anInvalidLocationIsRefused() {
        ModelStoreException e = assertThrows(ModelStoreException.class,
                () -> BlobDownload.redirectTarget(REGISTRY, "https://cdn example/ blob", 0));
        assertEquals("GET " + REGISTRY + " redirected to https://cdn example/ blob: not a valid address; refused",
                e.getMessage());
    }
}
