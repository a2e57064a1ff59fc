package io.lariat.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lariat.engine.gguf.GgufFile;
import io.lariat.engine.gguf.GgufWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SentencePiece (Llama 2 family) vocabularies, hand-made: the secondary tokenizer model. */
class SentencePieceModelTest {

    // ids: <unk> 0, <s> 1, </s> 2, <0x00>…<0xFF> 3–258, then the pieces below from 259 on.
    private static final List<String> PIECES = List.of("\u2581", "h", "e", "l", "o", "w", "r", "d",
            "ll", "he", "llo", "hello", "\u2581hello", "\u2581h", "\u2581w", "or", "ld");
    private static final float[] PIECE_SCORES = {-10, -10, -10, -10, -10, -10, -10, -10,
        -1, -2, -3, -4, -5, -6, -3, -3, -3};
    private static final Tokenizer HELLO = Tokenizer.of(vocabulary(PIECES, PIECE_SCORES, true));
    private static final int SPACE = 259;
    private static final int HELLO_ID = 270;
    private static final int SPACE_HELLO = 271;
    private static final int SPACE_H = 272;

    @Test
    void addsASpacePrefixAndMergesHighestScoreFirst() {
        // "▁hello": ll (-1), then he (-2) before ▁h (-6), then llo (-3), hello (-4), ▁hello (-5).
        assertArrayEquals(new int[] {SPACE_HELLO}, HELLO.encode("hello"));
        assertEquals(" hello", HELLO.decode(HELLO.encode("hello")));
    }

    @Test
    void spacesBecomeTheSpaceMark() {
        int[] ids = HELLO.encode("hello world");
        assertArrayEquals(new int[] {SPACE_HELLO, 273, 274, 275}, ids); // ▁hello ▁w or ld: equal scores, leftmost first
        assertEquals(" hello world", HELLO.decode(ids));
    }

    @Test
    void unknownCharactersFallBackToByteTokens() {
        int[] ids = HELLO.encode("hé");
        assertArrayEquals(new int[] {SPACE_H, 3 + 0xC3, 3 + 0xA9}, ids); // ▁h <0xC3> <0xA9>
        assertEquals(" hé", HELLO.decode(ids));
    }

    @Test
    void specialTokensSplitTheTextAndEachFragmentGetsTheSpacePrefix() {
        assertArrayEquals(new int[] {1, SPACE_HELLO, 2, SPACE_HELLO}, HELLO.encodeWithSpecials("<s>hello</s>hello"));
        assertArrayEquals(new int[] {SPACE, '<' + 3, 's' + 3, '>' + 3}, HELLO.encode("<s>"));
    }

    @Test
    void withoutSpacePrefixTheTextIsTakenAsIs() {
        Tokenizer noPrefix = Tokenizer.of(vocabulary(PIECES, PIECE_SCORES, false));
        assertArrayEquals(new int[] {HELLO_ID}, noPrefix.encode("hello"));
    }

    @Test
    void loadsFromAGgufFileWrittenWithTheSentencePieceKeys(@TempDir Path dir) {
        SentencePieceVocabulary vocabulary = vocabulary(PIECES, PIECE_SCORES, true);
        Path file = dir.resolve("llama2-vocab.gguf");
        new GgufWriter()
                .put("tokenizer.ggml.model", "llama")
                .putStrings("tokenizer.ggml.tokens", vocabulary.tokens())
                .putFloats("tokenizer.ggml.scores", vocabulary.scores())
                .putInts("tokenizer.ggml.token_type", vocabulary.tokenTypes())
                .putUInt32("tokenizer.ggml.bos_token_id", 1)
                .putUInt32("tokenizer.ggml.eos_token_id", 2)
                .write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            Tokenizer tokenizer = Tokenizer.fromGguf(gguf);
            assertArrayEquals(new int[] {1, SPACE_HELLO, 273, 274, 275}, tokenizer.encodeWithSpecials("<s>hello world"));
            assertEquals(1, tokenizer.bosId());
            assertEquals(2, tokenizer.eosId());
        }
    }

    @Test
    void vocabularyThatCannotEncodeSomeByteIsRejected() {
        var e = assertThrows(TokenizerException.class, () -> Tokenizer.of(new SentencePieceVocabulary(
                List.of("a"), new float[] {0}, new int[] {Vocabulary.NORMAL}, -1, -1, true)));
        assertEquals("no token for byte 0x00: no <0x00> token, no such character, no unknown token", e.getMessage());
    }

    @Test
    void matchesGreedyHighestScoreMergingOnRandomVocabularies() {
        Random random = new Random(5);
        for (int round = 0; round < 50; round++) {
            List<String> pieces = new ArrayList<>(List.of("a", "b", "\u2581"));
            for (int i = 0; i < 10; i++) {
                pieces.add(pieces.get(random.nextInt(pieces.size())) + pieces.get(random.nextInt(pieces.size())));
            }
            List<String> distinct = pieces.stream().distinct().toList();
            float[] scores = new float[distinct.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = -random.nextInt(6); // few distinct scores, so ties are common
            }
            SentencePieceVocabulary vocabulary = vocabulary(distinct, scores, true);
            Tokenizer tokenizer = Tokenizer.of(vocabulary);
            for (int sample = 0; sample < 20; sample++) {
                String text = randomText(random);
                assertArrayEquals(greedy(vocabulary, text), tokenizer.encode(text), () -> distinct + " on " + text);
            }
        }
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(25) + 1; i > 0; i--) {
            sb.append("ab c".charAt(random.nextInt(4)));
        }
        return sb.toString();
    }

    /** The oracle: repeatedly merge the adjacent pair forming the highest-scoring token, leftmost first. */
    private static int[] greedy(SentencePieceVocabulary vocabulary, String text) {
        List<String> symbols = new ArrayList<>();
        (" " + text).replace(' ', '\u2581').codePoints().forEach(cp -> symbols.add(Character.toString(cp)));
        List<String> tokens = vocabulary.tokens();
        float[] scores = vocabulary.scores();
        while (true) {
            int best = -1;
            float bestScore = Float.NEGATIVE_INFINITY;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                int id = pieceId(vocabulary, symbols.get(i) + symbols.get(i + 1));
                if (id >= 0 && (best < 0 || scores[id] > bestScore)) {
                    best = i;
                    bestScore = scores[id];
                }
            }
            if (best < 0) {
                break;
            }
            symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
        }
        List<Integer> ids = new ArrayList<>();
        for (String symbol : symbols) {
            int id = pieceId(vocabulary, symbol);
            if (id >= 0) {
                ids.add(id);
            } else {
                for (byte b : symbol.getBytes(StandardCharsets.UTF_8)) {
                    ids.add(tokens.indexOf("<0x%02X>".formatted(b & 0xFF)));
                }
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int pieceId(SentencePieceVocabulary vocabulary, String text) {
        int id = vocabulary.tokens().indexOf(text);
        return id >= 0 && vocabulary.tokenType(id) == Vocabulary.NORMAL ? id : -1;
    }

    /** {@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte tokens, then {@code pieces} with their scores. */
    static SentencePieceVocabulary vocabulary(List<String> pieces, float[] pieceScores, boolean addSpacePrefix) {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<Integer> types = new ArrayList<>(List.of(Vocabulary.UNKNOWN, Vocabulary.CONTROL, Vocabulary.CONTROL));
        for (int b = 0; b < 256; b++) {
            tokens.add("<0x%02X>".formatted(b));
            types.add(Vocabulary.BYTE);
        }
        tokens.addAll(pieces);
        pieces.forEach(p -> types.add(Vocabulary.NORMAL));
        float[] scores = new float[tokens.size()];
        System.arraycopy(pieceScores, 0, scores, tokens.size() - pieces.size(), pieces.size());
        return new SentencePieceVocabulary(tokens, scores, types.stream().mapToInt(Integer::intValue).toArray(),
                1, 2, addSpacePrefix);
    }
}
