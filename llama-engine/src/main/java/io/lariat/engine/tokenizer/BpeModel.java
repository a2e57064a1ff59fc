package io.lariat.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Llama 3 byte-level BPE: the Llama 3 pre-tokenizer split, then per piece a single probe when the piece is itself
 * a token (Llama 3's {@code ignore_merges}), BPE merges over its UTF-8 bytes otherwise. Immutable; thread-safe.
 */
final class BpeModel implements EncodingModel {

    /** Ordinary tokens whose bytes are valid UTF-8, keyed by that text: a whole pre-tokenized piece in one probe. */
    private final Map<String, Integer> ordinaryByText;
    private final int[] byteIds;
    private final MergeTable merges;

    private BpeModel(Map<String, Integer> ordinaryByText, int[] byteIds, MergeTable merges) {
        this.ordinaryByText = ordinaryByText;
        this.byteIds = byteIds;
        this.merges = merges;
    }

    /**
     * Builds the model over a token table made with {@link #storedBytes}.
     *
     * @throws TokenizerException when a byte has no single-byte token or a merge names a token that does not exist
     */
    static BpeModel of(BpeVocabulary vocabulary, TokenTable tokens) {
        List<String> texts = vocabulary.tokens();
        Map<String, Integer> storedIds = HashMap.newHashMap(texts.size());
        Map<String, Integer> ordinaryByText = HashMap.newHashMap(texts.size());
        for (int id = 0; id < texts.size(); id++) {
            if (tokens.isSpecial(id)) {
                continue;
            }
            storedIds.putIfAbsent(texts.get(id), id);
            String decoded = strictUtf8(tokens.bytes(id));
            if (decoded != null) {
                ordinaryByText.putIfAbsent(decoded, id);
            }
        }
        return new BpeModel(ordinaryByText, byteIds(storedIds), MergeTable.parse(vocabulary.merges(), storedIds));
    }

    /** The raw bytes of an ordinary token stored in GPT-2 form; text outside that form stands for its UTF-8. */
    static byte[] storedBytes(String stored) {
        byte[] raw = ByteUnicode.decode(stored);
        return raw != null ? raw : stored.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void encode(String text, IntList out) {
        BytePairEncoder bpe = new BytePairEncoder(merges, byteIds);
        int start = 0;
        while (start < text.length()) {
            int end = Llama3Splitter.pieceEnd(text, start);
            String piece = text.substring(start, end);
            Integer whole = ordinaryByText.get(piece);
            if (whole != null) {
                out.add(whole);
            } else {
                byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
                bpe.encode(bytes, bytes.length, out);
            }
            start = end;
        }
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

    /**
     * The text of {@code raw} when it is valid UTF-8, else null (a partial character, such as one byte of an
     * emoji, that only BPE can produce). Valid exactly when decoding and re-encoding gives the same bytes, since
     * invalid input decodes to U+FFFD.
     */
    private static String strictUtf8(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        return Arrays.equals(text.getBytes(StandardCharsets.UTF_8), raw) ? text : null;
    }
}
