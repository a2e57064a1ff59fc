package io.lariat.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Per-token facts every tokenizer model shares: raw bytes, specialness, and special names to ids.
 * Immutable; thread-safe.
 */
final class TokenTable {

    private final byte[][] bytes;
    private final boolean[] special;
    private final Map<String, Integer> specialByName;

    private TokenTable(byte[][] bytes, boolean[] special, Map<String, Integer> specialByName) {
        this.bytes = bytes;
        this.special = special;
        this.specialByName = specialByName;
    }

    /**
     * Derives the table: a special token's bytes are its UTF-8 name, an ordinary token's come from
     * {@code ordinaryBytes} (which decodes the model's stored form).
     */
    static TokenTable of(Vocabulary vocabulary, IntFunction<byte[]> ordinaryBytes) {
        int size = vocabulary.tokens().size();
        byte[][] bytes = new byte[size][];
        boolean[] special = new boolean[size];
        Map<String, Integer> specialByName = new HashMap<>();
        for (int id = 0; id < size; id++) {
            special[id] = vocabulary.isSpecial(id);
            if (!special[id]) {
                bytes[id] = ordinaryBytes.apply(id);
                continue;
            }
            String name = vocabulary.tokens().get(id);
            bytes[id] = name.getBytes(StandardCharsets.UTF_8);
            if (!name.isEmpty()) {
                specialByName.putIfAbsent(name, id);
            }
        }
        return new TokenTable(bytes, special, Collections.unmodifiableMap(specialByName));
    }

    int size() {
        return bytes.length;
    }

    /** The token's raw bytes; a special token's are its UTF-8 name. The array is shared: never modify it. */
    byte[] bytes(int id) {
        return bytes[id];
    }

    boolean isSpecial(int id) {
        return special[id];
    }

    /** Special token names to ids (unmodifiable). */
    Map<String, Integer> specials() {
        return specialByName;
    }
}
