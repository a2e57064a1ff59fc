package io.lariat.engine.model;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufTensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The digest that names a model's files in the cache folders: SHA-256 of the file's identity (absolute path, size,
 * modification time), its tensor table and a caller's salt (a layout version). Reading the identity instead of every
 * byte keeps loading fast; a model changed in place gets a new modification time, so stale cache files are never
 * taken for it.
 */
final class ModelIdentity {
    private ModelIdentity() {
    }

    /** 40 hex digits naming {@code file}, described by {@code tensors}, for {@code salt}. */
    static String digest(GgufFile file, List<GgufTensorInfo> tensors, String salt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Path path = file.path().toAbsolutePath().normalize();
            String identity = salt + "\n" + path + "\n" + file.fileSize() + "\n"
                    + Files.getLastModifiedTime(path).toMillis() + "\n";
            sha.update(identity.getBytes(StandardCharsets.UTF_8));
            for (GgufTensorInfo t : tensors) {
                sha.update((t.name() + " " + t.type() + " " + t.dimension(0) + "x" + t.dimension(1) + " @"
                        + t.offset() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
