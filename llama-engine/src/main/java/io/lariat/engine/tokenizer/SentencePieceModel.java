package io.lariat.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * SentencePiece BPE as llama.cpp runs it for {@code tokenizer.ggml.model = llama}: spaces become {@code ▁}, a
 * space prefix goes before each fragment of ordinary text (the input, or the text after a special token) when the
 * vocabulary asks for it, then
 * adjacent symbols merge, starting from single characters, whenever their concatenation is a token: highest score
 * first, leftmost first among equal scores. A final symbol that is no token falls back to {@code <0xXX>} byte
 * tokens. No pre-tokenizer split. Immutable; thread-safe.
 */
final class SentencePieceModel implements EncodingModel {

    private static final char SPACE_MARK = '\u2581';
    private static final Comparator<Bigram> ORDER =
            Comparator.comparingDouble((Bigram b) -> -b.score()).thenComparingInt(Bigram::left);

    /** Ordinary tokens by stored text (with ▁); byte, unknown and special tokens are never merge results. */
    private final Map<String, Integer> pieceIds;
    private final float[] scores;
    private final int[] byteIds;
    private final boolean addSpacePrefix;

    private SentencePieceModel(Map<String, Integer> pieceIds, float[] scores, int[] byteIds, boolean addSpacePrefix) {
        this.pieceIds = pieceIds;
        this.scores = scores;
        this.byteIds = byteIds;
        this.addSpacePrefix = addSpacePrefix;
    }

    /**
     * Builds the model.
     *
     * @throws TokenizerException when some byte has no {@code <0xXX>} token, no single-character token and there
     *         is no unknown token to stand for it
     */
    static SentencePieceModel of(SentencePieceVocabulary vocabulary) {
        List<String> texts = vocabulary.tokens();
        Map<String, Integer> pieceIds = HashMap.newHashMap(texts.size());
        Map<String, Integer> byteTokens = new HashMap<>();
        int unknown = -1;
        for (int id = 0; id < texts.size(); id++) {
            switch (vocabulary.tokenType(id)) {
                case Vocabulary.BYTE -> byteTokens.putIfAbsent(texts.get(id), id);
                case Vocabulary.UNKNOWN -> unknown = unknown < 0 ? id : unknown;
                case Vocabulary.CONTROL, Vocabulary.USER_DEFINED -> { }
                default -> pieceIds.putIfAbsent(texts.get(id), id);
            }
        }
        return new SentencePieceModel(pieceIds, vocabulary.scores(), byteIds(byteTokens, pieceIds, unknown),
                vocabulary.addSpacePrefix());
    }

    /** The raw bytes of an ordinary token: {@code <0xXX>} byte tokens are that byte, ▁ is a space. */
    static byte[] tokenBytes(SentencePieceVocabulary vocabulary, int id) {
        String text = vocabulary.tokens().get(id);
        if (vocabulary.tokenType(id) == Vocabulary.BYTE && text.length() == 6 && text.startsWith("<0x")
                && text.endsWith(">")) {
            return new byte[] {(byte) Integer.parseInt(text.substring(3, 5), 16)};
        }
        return text.replace(SPACE_MARK, ' ').getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void encode(String text, IntList out) {
        String escaped = (addSpacePrefix ? " " + text : text).replace(' ', SPACE_MARK);
        if (escaped.isEmpty()) {
            return;
        }
        Symbols symbols = new Symbols(escaped);
        PriorityQueue<Bigram> queue = new PriorityQueue<>(ORDER);
        for (int i = 1; i < symbols.count(); i++) {
            offer(symbols, i - 1, i, queue);
        }
        while (!queue.isEmpty()) {
            Bigram top = queue.poll();
            if (symbols.pairLength(top.left(), top.right()) != top.length()) {
                continue; // stale: one side has merged since
            }
            symbols.join(top.left(), top.right());
            offer(symbols, symbols.prev(top.left()), top.left(), queue);
            offer(symbols, top.left(), symbols.next(top.left()), queue);
        }
        for (int i = 0; i >= 0; i = symbols.next(i)) {
            String piece = symbols.text(i);
            Integer id = pieceIds.get(piece);
            if (id != null) {
                out.add(id);
            } else {
                for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
                    out.add(byteIds[b & 0xFF]);
                }
            }
        }
    }

    private void offer(Symbols symbols, int left, int right, PriorityQueue<Bigram> queue) {
        if (left < 0 || right < 0) {
            return;
        }
        Integer id = pieceIds.get(symbols.pairText(left, right));
        if (id != null) {
            queue.add(new Bigram(scores[id], left, right, symbols.pairLength(left, right)));
        }
    }

    private static int[] byteIds(Map<String, Integer> byteTokens, Map<String, Integer> pieceIds, int unknown) {
        int[] ids = new int[256];
        for (int b = 0; b < 256; b++) {
            Integer id = byteTokens.get("<0x%02X>".formatted(b));
            if (id == null && b < 0x80) {
                id = pieceIds.get(String.valueOf((char) b)); // llama.cpp's fallback: the byte as a one-char token
            }
            if (id == null && unknown < 0) {
                throw new TokenizerException(
                        "no token for byte 0x%02X: no <0x%02X> token, no such character, no unknown token".formatted(b, b));
            }
            ids[b] = id != null ? id : unknown;
        }
        return ids;
    }

    /** A candidate merge of two adjacent symbols whose texts together ({@code length} chars) form a token. */
    private record Bigram(float score, int left, int right, int length) {
    }
}
