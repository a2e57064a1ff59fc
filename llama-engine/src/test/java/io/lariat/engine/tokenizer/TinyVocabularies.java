package io.lariat.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hand-made byte-level vocabularies for tests: the 256 byte tokens (id = byte), then merges, then specials. */
final class TinyVocabularies {

    private TinyVocabularies() {
    }

    /**
     * A vocabulary whose merges are given as raw text pairs joined by {@code +} ("h+e", " +w"), each adding the merged token.
     * Token ids: bytes 0–255, then one per merge in order, then {@code specials} in order.
     */
    static BpeVocabulary withMerges(List<String> rawMerges, List<String> specials) {
        List<String> stored = new ArrayList<>();
        for (String raw : rawMerges) {
            int plus = raw.indexOf('+');
            stored.add(stored(raw.substring(0, plus)) + " " + stored(raw.substring(plus + 1)));
        }
        return withStoredMerges(stored, specials);
    }

    /** As {@link #withMerges}, with merges already in stored form ({@code "Ġ w"}). */
    static BpeVocabulary withStoredMerges(List<String> storedMerges, List<String> specials) {
        List<String> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(ByteUnicode.charOf(b)));
        }
        for (String merge : storedMerges) {
            String merged = merge.replace(" ", "");
            if (!tokens.contains(merged)) {
                tokens.add(merged);
            }
        }
        tokens.addAll(specials);
        int[] types = new int[tokens.size()];
        Arrays.fill(types, Vocabulary.NORMAL);
        Arrays.fill(types, tokens.size() - specials.size(), tokens.size(), Vocabulary.CONTROL);
        int bos = specials.isEmpty() ? -1 : tokens.size() - specials.size();
        return new BpeVocabulary(tokens, storedMerges, types, bos, -1);
    }

    /** The stored (byte-encoded) text of raw UTF-8 text. */
    static String stored(String raw) {
        return ByteUnicode.encode(raw.getBytes(StandardCharsets.UTF_8));
    }
}
