package io.lariat.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the small demo model bundled with the examples ({@code models/*.gguf} on the class path): a plain file when
 * running from the build, else copied once out of the jar into {@code ~/.lariat/cache/demo} (the engine maps files).
 */
final class DemoModel {
    static final String FOLDER = "models";

    private DemoModel() {
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

    private static Path extract(Path inJar, Path cache) throws IOException {
        Path target = cache.resolve(inJar.getFileName().toString());
        if (Files.isRegularFile(target) && Files.size(target) == Files.size(inJar)) {
            return target;
        }
        Files.createDirectories(cache);
        Path temp = Files.createTempFile(cache, ".demo-", ".tmp");
        try (InputStream in = Files.newInputStream(inJar)) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
