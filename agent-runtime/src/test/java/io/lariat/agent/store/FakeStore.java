package io.lariat.agent.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Builds model folders in Ollama's layout (manifests and blobs) for tests. */
public final class FakeStore {
    private FakeStore() {
    }

    /** The sha256 digest of {@code bytes}, as {@code sha256:<hex>}. */
    public static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A manifest with a config blob and one model layer. */
    public static String manifest(byte[] config, byte[] model) {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\""
                + digest(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\""
                + Manifest.MODEL_MEDIA_TYPE + "\",\"digest\":\"" + digest(model) + "\",\"size\":" + model.length
                + "},{\"mediaType\":\"application/vnd.ollama.image.license\",\"digest\":\"" + digest(config)
                + "\",\"size\":" + config.length + "}]}";
    }

    /**
     * Adds a model to the store at {@code root}: the blob of {@code gguf} (a symbolic link to it, so large files are
     * not copied) and the manifest under {@code manifests/<host>/<namespace>/<model>/<tag>}.
     */
    public static void add(Path root, String host, String namespace, String model, String tag, Path gguf)
            throws IOException {
        byte[] config = ("{\"model_format\":\"gguf\",\"model\":\"" + model + "\"}").getBytes(StandardCharsets.UTF_8);
        String modelDigest = digest(Files.readAllBytes(gguf));
        long size = Files.size(gguf);
        Path blobs = Files.createDirectories(root.resolve("blobs"));
        Files.write(blobs.resolve(digest(config).replace(':', '-')), config);
        Path blob = blobs.resolve(modelDigest.replace(':', '-'));
        if (!Files.exists(blob)) {
            Files.createSymbolicLink(blob, gguf.toAbsolutePath());
        }
        String manifest = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.docker.container.image"
                + ".v1+json\",\"digest\":\"" + digest(config) + "\",\"size\":" + config.length + "},\"layers\":[{"
                + "\"mediaType\":\"" + Manifest.MODEL_MEDIA_TYPE + "\",\"digest\":\"" + modelDigest + "\",\"size\":"
                + size + "}]}";
        Path file = root.resolve("manifests").resolve(host).resolve(namespace).resolve(model).resolve(tag);
        Files.createDirectories(file.getParent());
        Files.writeString(file, manifest);
    }
}
