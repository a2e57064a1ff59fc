package io.lariat.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The real Llama 3.1 vocabulary against reference vectors (shared test data; skipped when absent). */
class Llama3VocabularyTest {

    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";

    static Stream<Arguments> referenceVectors() throws IOException {
        Path dir = Llama3Vocabulary.sharedDir().resolve("testdata/tokenizer");
        if (!Files.isDirectory(dir)) {
            return Stream.of(Arguments.of(-1, "", ""));
        }
        String[] inputs = Files.readString(dir.resolve("llama-bpe.inp"), StandardCharsets.UTF_8).split(SEPARATOR, -1);
        String[] outputs = Files.readString(dir.resolve("llama-bpe.out"), StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(47, inputs.length, "input cases");
        assertEquals(47, outputs.length, "output lines");
        List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            cases.add(Arguments.of(i, inputs[i], outputs[i]));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("referenceVectors")
    void encodesReferenceVectorsExactly(int index, String input, String expectedIds) {
        Tokenizer tokenizer = Llama3Vocabulary.tokenizer();
        assumeTrue(index >= 0, "shared tokenizer vectors absent");
        int[] expected = Arrays.stream(expectedIds.trim().split(" ")).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        int[] actual = tokenizer.encode(input);
        assertArrayEquals(expected, actual, () -> "input " + index + ": " + Arrays.toString(actual));
        assertEquals(input, tokenizer.decode(actual));
    }

    @Test
    void encodesTheSpecTestSentence() {
        assertArrayEquals(new int[] {2028, 374, 264, 1296, 11914, 13}, tokenizer().encode("This is a test sentence."));
    }

    static Stream<Arguments> headerWords() {
        return Stream.of(
                Arguments.of("system", new int[] {9125}),
                Arguments.of("user", new int[] {882}),
                Arguments.of("assistant", new int[] {78191}),
                Arguments.of("ipython", new int[] {23799, 4690}),
                Arguments.of("tool", new int[] {14506}),
                Arguments.of("\n\n", new int[] {271}),
                Arguments.of("\n", new int[] {198}),
                Arguments.of(" ", new int[] {220}),
                Arguments.of("\n\n\n", new int[] {1432}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerWords")
    void encodesSpecHeaderWordsAndWhitespace(String text, int[] expected) {
        assertArrayEquals(expected, tokenizer().encode(text));
    }

    @Test
    void specialNamesInOrdinaryTextStayText() {
        int[] ids = tokenizer().encode("<|eot_id|>");
        assertArrayEquals(new int[] {27, 91, 68, 354, 851, 91, 29}, ids);
        assertEquals("<|eot_id|>", tokenizer().decode(ids));
    }

    @Test
    void encodeWithSpecialsRendersAUserMessage() {
        String message = "<|start_header_id|>user<|end_header_id|>\n\nThis is a test sentence.<|eot_id|>";
        assertArrayEquals(new int[] {128006, 882, 128007, 271, 2028, 374, 264, 1296, 11914, 13, 128009},
                tokenizer().encodeWithSpecials(message));
    }

    @Test
    void encodeWithSpecialsRendersTheSpecDialog() {
        String dialog = "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nThis is a test sentence.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nThis is a response.<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n";
        int[] expected = {128000, 128006, 9125, 128007, 271, 2028, 374, 264, 1296, 11914, 13, 128009, 128006, 882,
            128007, 271, 2028, 374, 264, 2077, 13, 128009, 128006, 78191, 128007, 271};
        assertArrayEquals(expected, tokenizer().encodeWithSpecials(dialog));
        assertEquals(dialog, tokenizer().decode(expected));
    }

    @Test
    void specialTokensMatchTheSpec() {
        Tokenizer tokenizer = tokenizer();
        assertEquals(SpecialTokens.BEGIN_OF_TEXT, tokenizer.specialId(SpecialTokens.BEGIN_OF_TEXT_NAME));
        assertEquals(SpecialTokens.END_OF_TEXT, tokenizer.specialId(SpecialTokens.END_OF_TEXT_NAME));
        assertEquals(SpecialTokens.START_HEADER, tokenizer.specialId(SpecialTokens.START_HEADER_NAME));
        assertEquals(SpecialTokens.END_HEADER, tokenizer.specialId(SpecialTokens.END_HEADER_NAME));
        assertEquals(SpecialTokens.EOM, tokenizer.specialId(SpecialTokens.EOM_NAME));
        assertEquals(SpecialTokens.EOT, tokenizer.specialId(SpecialTokens.EOT_NAME));
        assertEquals(SpecialTokens.PYTHON_TAG, tokenizer.specialId(SpecialTokens.PYTHON_TAG_NAME));
        assertEquals(128256, tokenizer.vocabSize());
        assertEquals(128000, tokenizer.bosId());
        assertEquals(128009, tokenizer.eosId());
        assertFalse(tokenizer.isSpecial(127999));
        for (int id = 128000; id < 128256; id++) {
            assertTrue(tokenizer.isSpecial(id), "special " + id);
        }
        assertEquals("<|python_tag|>", tokenizer.decode(new int[] {SpecialTokens.PYTHON_TAG}));
    }

    @Test
    void streamingHoldsBackSplitEmojiAndCjk() {
        Tokenizer tokenizer = tokenizer();
        String text = "you 😁 ?我想在apple工作";
        int[] ids = tokenizer.encode(text);
        Utf8StreamDecoder decoder = new Utf8StreamDecoder(tokenizer);
        List<String> pieces = new ArrayList<>();
        for (int id : ids) {
            pieces.add(decoder.accept(id));
        }
        pieces.add(decoder.flush());
        assertEquals(text, String.join("", pieces));
        assertEquals(List.of("you", " ", "😁", " ?", "我", "想", "在", "apple", "工作", ""), pieces,
                () -> Arrays.toString(ids));
    }

    @Test
    void agreesWithTextbookBpeOnRandomMixedScriptText() {
        NaiveBpe naive = new NaiveBpe(Llama3Vocabulary.vocabulary());
        String[] words = {"hello", " World", "Äpfel", " нещо", "Български", "កាន់តែពិសេស", " 🦙", "😶‍🌫️", " 我想在",
            "apple工作", "1314151", " \n\n", "\t", "   ", "'ll", "'Ve", " (", "!!!", "Cửa", " Việt", "ïnternationalization",
            "supercalifragilisticexpialidocious", "\r\n", "~～", " 123.45", "ℵ₀", "ﬁ", "Ω≈ç√∫"};
        java.util.Random random = new java.util.Random(99);
        for (int round = 0; round < 300; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(8); i >= 0; i--) {
                sb.append(words[random.nextInt(words.length)]);
            }
            String text = sb.toString();
            assertArrayEquals(naive.encodeText(text), tokenizer().encode(text), text);
        }
    }

    private static Tokenizer tokenizer() {
        return Llama3Vocabulary.tokenizer();
    }
}
