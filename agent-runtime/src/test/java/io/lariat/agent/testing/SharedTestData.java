package io.lariat.agent.testing;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.Tokenizer;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test data (../shared/testdata): the real Llama 3.1 tokenizer and the tiny models. */
public final class SharedTestData {
    private static Tokenizer tokenizer;

    private SharedTestData() {
    }

    /** A file of the shared test data; skips the test when it is absent. */
    public static Path file(String name) {
        Path dir = Path.of(System.getProperty("lariat.shared.dir", "../../shared")).resolve("testdata");
        Path file = dir.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared test data " + file + " is absent");
        return file;
    }

    /** The Llama 3.1 tokenizer from the vocab-only GGUF, loaded once per test JVM. */
    public static synchronized Tokenizer tokenizer() {
        if (tokenizer == null) {
            try (GgufFile gguf = GgufFile.open(file("llama31-vocab.gguf"))) {
                tokenizer = Tokenizer.fromGguf(gguf);
            }
        }
        return tokenizer;
    }
}
