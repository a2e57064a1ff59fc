package io.lariat.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Llama3SplitterTest {

    /**
     * The spec §1.1 pattern in java.util.regex terms: {@code \s} spelled as Unicode White_Space, and
     * {@code (?i)} left ASCII-only (UNICODE_CHARACTER_CLASS would turn on Unicode case folding too).
     */
    private static final Pattern REFERENCE = Pattern.compile(
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
                    + "| ?[^\\p{IsWhite_Space}\\p{L}\\p{N}]+[\\r\\n]*|\\p{IsWhite_Space}*[\\r\\n]+"
                    + "|\\p{IsWhite_Space}+(?![^\\p{IsWhite_Space}])|\\p{IsWhite_Space}+");

    private static final String[] ALPHABET = {
        "a", "s", "S", "t", "r", "e", "E", "v", "l", "L", "m", "d", "D", "'", "'", " ", " ", " ", "\t", "\n", "\r",
        "\u00A0", "\u3000", "\u2028", "\u0085", "\u000B", "0", "7", "½", "٣", "Ⅻ", "!", ".", "(", "-", "🦙", "😶",
        "\u200D", "\uFE0F", "ä", "Б", "中", "ក", "ា", "\u0301", "𝒜", "𝟘", "_", "ſ",
    };

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("contractions ignore ASCII case", "I'll 'D we'Ve", List.of("I", "'ll", " '", "D", " we", "'Ve")),
                Arguments.of("a letter run takes one leading non-letter", "\tHello (world", List.of("\tHello", " (", "world")),
                Arguments.of("numbers group by three", "1234567", List.of("123", "456", "7")),
                Arguments.of("other numbers are numbers", "4 ½ Ⅻ", List.of("4", " ", "½", " ", "Ⅻ")),
                Arguments.of("symbols take trailing newlines", "!!\n\nx", List.of("!!\n\n", "x")),
                Arguments.of("whitespace ends at the last newline", "  \n \n  x", List.of("  \n \n", " ", " x")),
                Arguments.of("a space run leaves its last space to the word", "a    b", List.of("a", "   ", " b")),
                Arguments.of("a lone space before a digit stands alone", "a 1", List.of("a", " ", "1")),
                Arguments.of("trailing spaces stay together", "a   ", List.of("a", "   ")),
                Arguments.of("emoji are symbols", " 🦙.cpp", List.of(" 🦙.", "cpp")),
                Arguments.of("marks are not letters", "កាន់", List.of("ក", "ាន", "់")),
                Arguments.of("empty text has no pieces", "", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsLikeTheLlama3Pattern(String name, String text, List<String> expected) {
        assertEquals(expected, split(text));
        assertEquals(expected, referenceSplit(text));
    }

    @Test
    void agreesWithTheRegexOnRandomMixedScriptText() {
        Random random = new Random(20260926);
        for (int round = 0; round < 5000; round++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            String text = sb.toString();
            assertEquals(referenceSplit(text), split(text), () -> "text: " + escape(text));
        }
    }

    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        for (int start = 0; start < text.length(); ) {
            int end = Llama3Splitter.pieceEnd(text, start);
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static List<String> referenceSplit(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(cp -> sb.append(cp < 128 && cp >= 32 ? String.valueOf((char) cp) : "\\u{%X}".formatted(cp)));
        return sb.toString();
    }
}
