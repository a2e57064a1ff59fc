package io.lariat.prompts.grammar;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.tokenizer.BpeVocabulary;
import io.lariat.engine.tokenizer.Tokenizer;
import io.lariat.engine.tokenizer.Vocabulary;
import io.lariat.prompts.SharedData;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The first 6,000 tokens of the real Llama 3.1 vocabulary (every byte and the most common merges) plus its special
 * tokens: the same kinds of token boundaries at a twentieth of the size, so that hundreds of constrained runs stay
 * fast.
 */
final class SmallVocabulary {
    private static final int ORDINARY = 6000;
    private static Tokenizer tokenizer;

    private SmallVocabulary() {
    }

    static synchronized Tokenizer get() {
        if (tokenizer == null) {
            try (GgufFile file = GgufFile.open(SharedData.file("testdata/llama31-vocab.gguf"))) {
                BpeVocabulary full = (BpeVocabulary) Vocabulary.fromGguf(file);
                tokenizer = Tokenizer.of(subset(full));
            }
        }
        return tokenizer;
    }

    private static BpeVocabulary subset(BpeVocabulary full) {
        List<String> tokens = new ArrayList<>(full.tokens().subList(0, ORDINARY));
        tokens.addAll(full.tokens().subList(128000, full.tokens().size()));
        int[] types = new int[tokens.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = full.tokenType(i < ORDINARY ? i : i - ORDINARY + 128000);
        }
        Set<String> kept = new HashSet<>(tokens);
        List<String> merges = new ArrayList<>();
        for (String merge : full.merges()) {
            String[] parts = merge.split(" ", 2);
            if (parts.length == 2 && kept.contains(parts[0]) && kept.contains(parts[1])
                    && kept.contains(parts[0] + parts[1])) {
                merges.add(merge);
            }
        }
        return new BpeVocabulary(tokens, merges, types, ORDINARY, ORDINARY + 9);
    }
}
