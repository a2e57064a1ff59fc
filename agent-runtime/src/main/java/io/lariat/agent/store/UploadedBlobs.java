package io.lariat.agent.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * Blobs clients upload for {@code /api/create} ({@code HEAD}/{@code POST /api/blobs/:digest}), kept in Lariat's
 * store under their sha256 digest, as Ollama does; a model is then created from digests, never from a file path, so
 * a request can only use bytes it sent or the stores already hold.
 *
 * <p>An upload is written to a temporary file, checked against the digest it was announced with (a mismatch deletes
 * it) and moved into place atomically, so a blob present under a digest always has that digest. Thread-safe: two
 * uploads of one digest write the same bytes.
 *
 * @param store Lariat's store
 */
public record UploadedBlobs(ModelStore store) {
    private static final Pattern DIGEST = Pattern.compile("sha256[:-][0-9a-f]{64}");

    /** Whether {@code digest} ({@code sha256:<64 hex>}) is well formed. */
    public static boolean valid(String digest) {
        return digest != null && DIGEST.matcher(digest).matches();
    }

    /** Whether the store holds the blob {@code digest}. */
    public boolean exists(String digest) {
        return Files.isRegularFile(path(digest));
    }

    /**
     * Stores {@code body} as the blob {@code digest}.
     *
     * @return the bytes stored
     * @throws ModelStoreException when the body's sha256 is not {@code digest} (nothing is kept)
     */
    public long put(String digest, InputStream body) {
        Path target = path(digest);
        try {
            Files.createDirectories(store.blobs());
            Path temp = Files.createTempFile(store.blobs(), ".upload-", ".tmp");
            try {
                MessageDigest sha = BlobDownload.sha256();
                try (InputStream in = new DigestInputStream(body, sha)) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                String actual = BlobDownload.digest(sha);
                if (!actual.equals(normal(digest))) {
                    throw new ModelStoreException("the uploaded bytes have digest " + actual + ", not " + digest);
                }
                long size = Files.size(temp);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return size;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The model layer of an uploaded GGUF blob.
     *
     * @throws ModelStoreException when no such blob was uploaded or it is not a GGUF file
     */
    public Manifest.Layer modelLayer(String digest) {
        Path blob = path(digest);
        if (!Files.isRegularFile(blob)) {
            throw new ModelStoreException("blob " + digest + " not found: upload it first with POST /api/blobs/"
                    + digest);
        }
        ModelPuller.requireGguf(blob, "blob " + digest, false);
        try {
            return new Manifest.Layer(Manifest.MODEL_MEDIA_TYPE, normal(digest), Files.size(blob));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path path(String digest) {
        if (!valid(digest)) {
            throw new ModelStoreException("invalid digest '" + digest + "': expected sha256:<64 hex digits>");
        }
        return store.blobs().resolve("sha256-" + digest.substring(7));
    }

    private static String normal(String digest) {
        return "sha256:" + digest.substring(7);
    }
}
