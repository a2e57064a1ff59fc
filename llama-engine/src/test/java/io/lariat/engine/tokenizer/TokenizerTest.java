package io.lariat.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tokenizer over hand-made vocabularies; the real Llama 3 vocabulary is in {@link Llama3VocabularyTest}. */
class TokenizerTest {

    private static final List<String> HELLO_MERGES = List.of("l+l", "h+e", "he+ll", "hell+o", " +w", " w+o", "e+l");
    private static final Tokenizer HELLO = Tokenizer.of(
            TinyVocabularies.withMerges(HELLO_MERGES, List.of("<|bos|>", "<|eot|>")));
    // ids: bytes 0–255, "ll" 256, "he" 257, "hell" 258, "hello" 259, " w" 260, " wo" 261, "el" 262, <|bos|> 263,
    // <|eot|> 264

    @Test
    void mergesApplyLowestRankFirst() {
        assertArrayEquals(new int[] {259}, HELLO.encode("hello"));
        assertArrayEquals(new int[] {258, 'y'}, HELLO.encode("helly"));
        assertArrayEquals(new int[] {'e', 256}, HELLO.encode("ell"));
        assertArrayEquals(new int[] {262, 'x'}, HELLO.encode("elx"));
        assertArrayEquals(new int[] {259, 261, 'r', 'l', 'd'}, HELLO.encode("hello world"));
    }

    @Test
    void equalRanksMergeLeftmostFirst() {
        Tokenizer aaa = Tokenizer.of(TinyVocabularies.withMerges(List.of("a+a"), List.of()));
        assertArrayEquals(new int[] {256, 'a'}, aaa.encode("aaa"));
        assertArrayEquals(new int[] {256, 256}, aaa.encode("aaaa"));
    }

    @Test
    void aPieceThatIsATokenIsTakenWholeWithoutMerging() {
        // "ab" is reachable by no merge, yet it is a token: Llama 3 takes it whole (ignore_merges).
        BpeVocabulary base = TinyVocabularies.withMerges(List.of("b+c"), List.of());
        List<String> tokens = new ArrayList<>(base.tokens());
        tokens.add("ab");
        int[] types = new int[tokens.size()];
        java.util.Arrays.fill(types, Vocabulary.NORMAL);
        Tokenizer tokenizer = Tokenizer.of(new BpeVocabulary(tokens, base.merges(), types, -1, -1));
        assertArrayEquals(new int[] {257}, tokenizer.encode("ab"));
        assertArrayEquals(new int[] {'a', 256}, tokenizer.encode("abc"));
    }

    @Test
    void ordinaryEncodingNeverYieldsSpecialTokens() {
        int[] ids = HELLO.encode("<|eot|>");
        assertArrayEquals(new int[] {'<', '|', 'e', 'o', 't', '|', '>'}, ids);
        for (int id : ids) {
            assertFalse(HELLO.isSpecial(id));
        }
    }

    @Test
    void encodeWithSpecialsParsesNamesAndEncodesTheRest() {
        assertArrayEquals(new int[] {263, 259, 264, 261, 264}, HELLO.encodeWithSpecials("<|bos|>hello<|eot|> wo<|eot|>"));
        assertArrayEquals(new int[] {'<', '|', 259}, HELLO.encodeWithSpecials("<|hello"));
    }

    @Test
    void specialIdsDecodeToTheirNames() {
        assertEquals(264, HELLO.specialId("<|eot|>"));
        assertTrue(HELLO.isSpecial(263));
        assertEquals("<|bos|>hello world<|eot|>", HELLO.decode(new int[] {263, 259, 261, 'r', 'l', 'd', 264}));
        assertArrayEquals("<|eot|>".getBytes(StandardCharsets.UTF_8), HELLO.tokenBytes(264));
        assertEquals(265, HELLO.vocabSize());
        assertEquals(263, HELLO.bosId());
        assertEquals(-1, HELLO.eosId());
    }

    @Test
    void unknownNamesAndIdsAreRejected() {
        var unknownName = assertThrows(IllegalArgumentException.class, () -> HELLO.specialId("<|nope|>"));
        assertEquals("no special token named <|nope|>", unknownName.getMessage());
        var badId = assertThrows(IllegalArgumentException.class, () -> HELLO.decode(new int[] {265}));
        assertEquals("token id 265 outside the vocabulary of 265 tokens", badId.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HELLO.tokenBytes(-1));
    }

    @Test
    void mergeNamingAMissingTokenIsRejected() {
        BpeVocabulary base = TinyVocabularies.withMerges(List.of(), List.of());
        int[] types = base.tokenTypes();
        var e = assertThrows(TokenizerException.class,
                () -> Tokenizer.of(new BpeVocabulary(base.tokens(), List.of("a xyz"), types, -1, -1)));
        assertEquals("merge 0 \"a xyz\" needs token \"xyz\", which is not in the vocabulary", e.getMessage());
    }

    @Test
    void vocabularyWithoutByteTokensIsRejected() {
        var e = assertThrows(TokenizerException.class,
                () -> Tokenizer.of(new BpeVocabulary(List.of("a", "b"), List.of(), new int[] {1, 1}, -1, -1)));
        assertEquals("no token for byte 0x00 (stored as 'Ā'); not a byte-level BPE vocabulary", e.getMessage());
    }

    @Test
    void multiByteTextRoundTripsThroughBytes() {
        String text = "héllo wörld 中文 🦙\n\n";
        assertEquals(text, HELLO.decode(HELLO.encode(text)));
    }

    @Test
    void heapMergingMatchesANaiveReferenceOnRandomVocabularies() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<String> merges = randomMerges(random);
            BpeVocabulary vocabulary = TinyVocabularies.withMerges(merges, List.of());
            Tokenizer tokenizer = Tokenizer.of(vocabulary);
            NaiveBpe naive = new NaiveBpe(vocabulary);
            for (int sample = 0; sample < 20; sample++) {
                String word = randomWord(random, "abc", 1 + random.nextInt(40));
                assertArrayEquals(naive.encode(word), tokenizer.encode(word), () -> merges + " on " + word);
            }
        }
    }

    private static List<String> randomMerges(Random random) {
        List<String> pieces = new ArrayList<>(List.of("a", "b", "c"));
        List<String> merges = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String left = pieces.get(random.nextInt(pieces.size()));
            String right = pieces.get(random.nextInt(pieces.size()));
            String merge = left + "+" + right;
            if (!merges.contains(merge)) {
                merges.add(merge);
                pieces.add(left + right);
            }
        }
        return merges;
    }

    private static String randomWord(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
