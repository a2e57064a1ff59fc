package io.lariat.prompts.parse;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random garbage and mutations of every known case: the parser and the detector never throw. */
class ToolCallParserFuzzTest {

    private static final String ALPHABET = "{}[]()<>\"'\\=,.;: \n\tabcfnu0123456789-_eE`";
    private static final List<String> TOKENS = List.of("<|python_tag|>", "<|eom_id|>", "<|eot_id|>",
            "<function=", "</function>", ".call(", "```", "\"name\"", "\"parameters\"", "True", "null", "\\u12");

    private static String mutate(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = out.isEmpty() ? 0 : random.nextInt(out.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> out.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> out.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
                case 2 -> {
                    if (at < out.length()) {
                        out.deleteCharAt(at);
                    }
                }
                default -> out.setLength(Math.min(out.length(), at));
            }
        }
        return out.toString();
    }

    private static void check(String text) {
        ParsedTurn turn = ToolCallParser.parse(text);
        assertNotNull(turn.stop(), text);
        if (turn.stop() == Stop.LENGTH) {
            assertTrue(turn.calls().isEmpty(), text);
        }
        if (turn.content() != null) {
            assertTrue(SpecialText.ALL.stream().noneMatch(turn.content()::contains), text);
        }
        ToolCallDetector detector = new ToolCallDetector();
        StringBuilder streamed = new StringBuilder();
        for (int i = 0; i < text.length(); i += 3) {
            streamed.append(detector.accept(text.substring(i, Math.min(text.length(), i + 3))));
        }
        ToolCallDetector.End end = detector.finish();
        String content = turn.content() == null ? "" : turn.content();
        assertTrue(content.startsWith(streamed.toString()), () -> "leaked: " + text);
        assertNotNull(end.remainingContent());
    }

    @Test
    void mutatedCasesNeverThrowAndNeverLeakCallText() throws IOException {
        Random random = new Random(7);
        List<String> outputs = ParserCases.allOutputs();
        for (int i = 0; i < 20_000; i++) {
            check(mutate(outputs.get(random.nextInt(outputs.size())), random));
        }
    }

    @Test
    void randomGarbageNeverThrows() {
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(80);
            for (int j = 0; j < n; j++) {
                text.append(random.nextInt(5) == 0 ? TOKENS.get(random.nextInt(TOKENS.size()))
                        : String.valueOf(ALPHABET.charAt(random.nextInt(ALPHABET.length()))));
            }
            check(text.toString());
        }
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        String deep = "[f(a=" + "[".repeat(100_000) + ")]<|eot_id|>";
        check(deep);
        check("{\"name\": \"f\", \"parameters\": " + "{\"a\": ".repeat(50_000) + "<|eot_id|>");
    }
}
