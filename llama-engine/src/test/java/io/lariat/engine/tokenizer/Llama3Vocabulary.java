package io.lariat.engine.tokenizer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lariat.engine.gguf.GgufFile;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real Llama 3.1 tokenizer from the shared test data, loaded once; tests skip with a reason when it is absent. */
final class Llama3Vocabulary {

    private static BpeVocabulary vocabulary;
    private static Tokenizer tokenizer;

    private Llama3Vocabulary() {
    }

    static Path sharedDir() {
        return Path.of(System.getProperty("lariat.shared.dir", "../../shared"));
    }

    static Path vocabularyFile() {
        return sharedDir().resolve("testdata/llama31-vocab.gguf");
    }

    static boolean present() {
        return Files.isRegularFile(vocabularyFile());
    }

    /** The vocabulary, or an aborted (skipped) test when the shared test data is absent. */
    static synchronized BpeVocabulary vocabulary() {
        assumeTrue(present(), "shared test data absent: " + vocabularyFile() + " (see lariat.shared.dir)");
        if (vocabulary == null) {
            try (GgufFile file = GgufFile.open(vocabularyFile())) {
                vocabulary = (BpeVocabulary) Vocabulary.fromGguf(file);
            }
        }
        return vocabulary;
    }

    /** The tokenizer, or an aborted (skipped) test when the shared test data is absent. */
    static synchronized Tokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = Tokenizer.of(vocabulary());
        }
        return tokenizer;
    }
}
