package io.lariat.engine.tokenizer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-token facts derived once from a {@link Vocabulary}: raw bytes, specialness, the id of each single byte,
 * and lookups from text to ordinary ids and from names to special ids. Immutable; thread-safe.
 */
final class TokenTable {

    private final byte[][] bytes;
    private final boolean[] special;
    private final int[] byteIds;
    /** Ordinary tokens whose bytes are valid UTF-8, keyed by that text: a whole pre-tokenized piece in one probe. */
    private final Map<String, Integer> ordinaryByText;
    private final Map<String, Integer> specialByName;

    private TokenTable(byte[][] bytes, boolean[] special, int[] byteIds, Map<String, Integer> ordinaryByText,
                       Map<String, Integer> specialByName) {
        this.bytes = bytes;
        this.special = special;
        this.byteIds = byteIds;
        this.ordinaryByText = ordinaryByText;
        this.specialByName = specialByName;
    }

    /**
     * Derives the table; {@code storedIds} maps each ordinary token's stored (byte-encoded) text to its id.
     *
     * @throws TokenizerException when a byte has no single-byte token
     */
    static TokenTable of(Vocabulary vocabulary, Map<String, Integer> storedIds) {
        List<String> tokens = vocabulary.tokens();
        byte[][] bytes = new byte[tokens.size()][];
        boolean[] special = new boolean[tokens.size()];
        Map<String, Integer> ordinaryByText = HashMap.newHashMap(tokens.size());
        Map<String, Integer> specialByName = new HashMap<>();
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int id = 0; id < tokens.size(); id++) {
            String text = tokens.get(id);
            special[id] = vocabulary.isSpecial(id);
            if (special[id]) {
                bytes[id] = text.getBytes(StandardCharsets.UTF_8);
                if (!text.isEmpty()) {
                    specialByName.putIfAbsent(text, id);
                }
                continue;
            }
            byte[] raw = ByteUnicode.decode(text);
            bytes[id] = raw != null ? raw : text.getBytes(StandardCharsets.UTF_8);
            String decoded = strictUtf8(strict, bytes[id]);
            if (decoded != null) {
                ordinaryByText.putIfAbsent(decoded, id);
            }
        }
        return new TokenTable(bytes, special, byteIds(storedIds), ordinaryByText,
                Collections.unmodifiableMap(specialByName));
    }

    /** Maps each ordinary token's stored text to its id (the first id wins when a text repeats). */
    static Map<String, Integer> storedIds(Vocabulary vocabulary) {
        List<String> tokens = vocabulary.tokens();
        Map<String, Integer> ids = HashMap.newHashMap(tokens.size());
        for (int id = 0; id < tokens.size(); id++) {
            if (!vocabulary.isSpecial(id)) {
                ids.putIfAbsent(tokens.get(id), id);
            }
        }
        return ids;
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

    /** Token id of each byte value, index = byte & 0xFF. The array is shared: never modify it. */
    int[] byteIds() {
        return byteIds;
    }

    /** The ordinary token whose bytes are exactly the UTF-8 of {@code text}, or null. */
    Integer ordinaryId(String text) {
        return ordinaryByText.get(text);
    }

    /** Special token names to ids (unmodifiable). */
    Map<String, Integer> specials() {
        return specialByName;
    }

    private static int[] byteIds(Map<String, Integer> storedIds) {
        int[] ids = new int[256];
        for (int b = 0; b < 256; b++) {
            Integer id = storedIds.get(String.valueOf(ByteUnicode.charOf(b)));
            if (id == null) {
                throw new TokenizerException("no token for byte 0x%02X (stored as '%s'); not a byte-level BPE vocabulary"
                        .formatted(b, ByteUnicode.charOf(b)));
            }
            ids[b] = id;
        }
        return ids;
    }

    private static String strictUtf8(CharsetDecoder decoder, byte[] raw) {
        try {
            return decoder.decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null; // a partial character (one byte of an emoji, say): only BPE can produce it
        }
    }
}
