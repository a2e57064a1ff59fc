package io.lariat.prompts;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.Tokenizer;

/** The real Llama 3.1 tokenizer from the shared vocab-only GGUF, loaded once per test JVM. */
public final class TestTokenizer {

    private static Tokenizer tokenizer;

    private TestTokenizer() {
    }

    /** The tokenizer, after skipping the calling test when the shared GGUF is absent. */
    public static synchronized Tokenizer get() {
        if (tokenizer == null) {
            try (GgufFile file = GgufFile.open(SharedData.file("testdata/llama31-vocab.gguf"))) {
                tokenizer = Tokenizer.fromGguf(file);
            }
        }
        return tokenizer;
    }
}
