package io.lariat.prompts;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared spec and test data beside the project; tests skip with a reason when it is absent. */
public final class SharedData {

    private SharedData() {
    }

    /** The shared directory, after skipping the calling test when it is absent. */
    public static Path dir() {
        Path dir = Path.of(System.getProperty("lariat.shared.dir", "../../shared"));
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared spec/test data not found at " + dir.toAbsolutePath());
        return dir;
    }

    /** A file under the shared directory, skipping the calling test when it is absent. */
    public static Path file(String relative) {
        Path file = dir().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared file not found: " + file.toAbsolutePath());
        return file;
    }
}
