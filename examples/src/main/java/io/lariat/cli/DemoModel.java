package io.lariat.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the small demo model bundled with the examples ({@code models/*.gguf} on the class path): a plain file when
 * running from the build, else copied out of the jar into {@code ~/.lariat/cache/demo} (the engine maps files). The
 * copy sits in a folder named by a digest of its content, because a retrained model has exactly the size of the one
 * before it: a new Lariat build never serves the model an older build left in the cache. The file keeps its bundled
 * name, which is the name the server gives the model, so clients ask for {@code lariat-demo} however it was found.
 */
final class DemoModel {
    static final String FOLDER = "models";

    private DemoModel() {
    }

    /**
     * The model of a command or the server when none is named: the bundled demo model.
     *
     * @throws CliException saying how to name a model, when this build bundles none
     */
    static Path fallback(Path home) {
        return find(home).orElseThrow(() -> new CliException("no model is configured: pass --model FILE|NAME or set "
                + "LARIAT_MODEL (this build bundles no demo model)"));
    }

    /** The bundled model's file, if the build bundles one. */
    static Optional<Path> find(Path home) {
        URL url = DemoModel.class.getClassLoader().getResource(FOLDER);
        if (url == null) {
            return Optional.empty();
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return firstGguf(Path.of(url.toURI()));
            }
            try (FileSystem jar = FileSystems.newFileSystem(url.toURI(), Map.of())) {
                Optional<Path> inJar = firstGguf(jar.getPath(FOLDER));
                return inJar.isEmpty() ? inJar : Optional.of(extract(inJar.get(), home.resolve(".lariat/cache/demo")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + url, e);
        }
    }

    private static Optional<Path> firstGguf(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".gguf")).sorted().findFirst();
        }
    }

    /** The extracted copy of {@code inJar} in {@code cache}, written first unless a copy of the same content exists. */
    static Path extract(Path inJar, Path cache) throws IOException {
        Path folder = cache.resolve(digest(inJar));
        Path target = folder.resolve(inJar.getFileName().toString());
        if (Files.isRegularFile(target) && Files.size(target) == Files.size(inJar)) {
            return target;
        }
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, ".demo-", ".tmp");
        try (InputStream in = Files.newInputStream(inJar)) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** The first 16 hex digits of the SHA-256 of {@code file}. */
    private static String digest(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
