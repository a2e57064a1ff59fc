package io.lariat.prompts.parse;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ToolCallDetectorTest {

    /** Feeds the pieces and returns [streamed text, remaining content]. */
    private static String[] run(List<String> pieces) {
        ToolCallDetector detector = new ToolCallDetector();
        StringBuilder streamed = new StringBuilder();
        for (String piece : pieces) {
            streamed.append(detector.accept(piece));
        }
        return new String[] {streamed.toString(), detector.finish().remainingContent()};
    }

    private static List<String> randomPieces(String text, Random random) {
        List<String> pieces = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int n = Math.min(text.length() - i, 1 + random.nextInt(6));
            pieces.add(text.substring(i, i + n));
            i += n;
        }
        return pieces;
    }

    @Test
    void streamedTextPlusRemainderIsExactlyTheParsedContentForEveryCase() throws IOException {
        Random random = new Random(42);
        for (String output : ParserCases.allOutputs()) {
            String content = ToolCallParser.parse(output).content();
            String expected = content == null ? "" : content;
            for (int round = 0; round < 20; round++) {
                String[] result = run(randomPieces(output, random));
                assertEquals(expected, result[0] + result[1], output);
            }
            String[] perChar = run(output.chars().mapToObj(c -> String.valueOf((char) c)).toList());
            assertEquals(expected, perChar[0] + perChar[1], output);
        }
    }

    @Test
    void plainAnswerStreamsAtOnceExceptTrailingWhitespace() {
        ToolCallDetector detector = new ToolCallDetector();
        assertEquals("Hello", detector.accept("Hello"));
        assertEquals(ToolCallDetector.State.TEXT, detector.state());
        assertEquals(",", detector.accept(", "));
        assertEquals(" world.", detector.accept("world.\n"));
        assertEquals("", detector.accept("<|eot_id|>"));
        assertEquals("", detector.finish().remainingContent());
    }

    @Test
    void pythonTagSwitchesToCallAndKeepsEarlierTextAsContent() {
        ToolCallDetector detector = new ToolCallDetector();
        assertEquals("Let me look.", detector.accept("Let me look. "));
        assertEquals("", detector.accept("<|python_tag|>"));
        assertEquals(ToolCallDetector.State.CALL, detector.state());
        assertEquals("", detector.accept("brave_search.call(query=\"x\")"));
        assertEquals("", detector.accept("<|eom_id|>"));
        ToolCallDetector.End end = detector.finish();
        assertEquals("", end.remainingContent());
        assertEquals("brave_search", end.turn().calls().getFirst().name());
    }

    @Test
    void jsonOpenerIsHeldAndConfirmedAfterTheNameKey() {
        ToolCallDetector detector = new ToolCallDetector();
        assertEquals("", detector.accept("{\""));
        assertEquals(ToolCallDetector.State.UNDECIDED, detector.state());
        assertEquals("", detector.accept("name\": \""));
        assertEquals(ToolCallDetector.State.CALL, detector.state());
    }

    @Test
    void jsonAnswerThatIsNotACallIsReleasedWhenTheObjectCloses() {
        ToolCallDetector detector = new ToolCallDetector();
        assertEquals("", detector.accept("{\"city\": "));
        assertEquals("{\"city\": \"Paris\"}", detector.accept("\"Paris\"}"));
        assertEquals(ToolCallDetector.State.TEXT, detector.state());
    }

    @Test
    void listThatCannotBeACallListIsReleasedAtOnce() {
        ToolCallDetector detector = new ToolCallDetector();
        assertEquals("", detector.accept("["));
        assertEquals("[1, 2]", detector.accept("1, 2]"));
    }

    @Test
    void possibleFunctionTagIsHeldUntilItCannotBeOne() {
        ToolCallDetector detector = new ToolCallDetector();
        assertEquals("a", detector.accept("a <fun"));
        assertEquals(" <fun b", detector.accept(" b"));
        assertEquals("", detector.accept(" <function=f>{}</function>"));
        assertEquals(ToolCallDetector.State.CALL, detector.state());
    }

    @Test
    void codeFenceAnswerIsReleasedOnceItsFirstLineIsNotACall() {
        ToolCallDetector detector = new ToolCallDetector();
        assertEquals("", detector.accept("```py"));
        assertEquals("", detector.accept("thon\n"));
        assertEquals("```python\nprint", detector.accept("print"));
    }

    @Test
    void tokenModeTakesACallOnlyFromThePythonTagToken() {
        ToolCallDetector spelled = ToolCallDetector.forTokens();
        String streamed = spelled.accept("<|python_tag|>") + spelled.accept("print(1)");
        ToolCallDetector.End end = spelled.finish(Stop.EOM);
        assertEquals(List.of(), end.turn().calls());
        assertEquals("print(1)", streamed + end.remainingContent());

        ToolCallDetector real = ToolCallDetector.forTokens();
        String before = real.accept("Let me check.") + real.acceptPythonTag() + real.accept("print(1)");
        ToolCallDetector.End called = real.finish(Stop.EOM);
        assertEquals(List.of(new CodeInterpreterCall("print(1)")), called.turn().calls());
        assertEquals("Let me check.", before + called.remainingContent());
        assertEquals("Let me check.", called.turn().content());
    }

    @Test
    void tokenModeReadsTheStopFromTheStopTokenNotFromTheText() {
        ToolCallDetector detector = ToolCallDetector.forTokens();
        detector.accept("Done.<|eom_id|>");
        ParsedTurn turn = detector.finish(Stop.EOT).turn();
        assertEquals(Stop.EOT, turn.stop());
        assertEquals("Done.", turn.content());
    }

    @Test
    void asContentReturnsTheWholeGenerationAsText() {
        ToolCallDetector detector = ToolCallDetector.forTokens();
        String streamed = detector.accept("Sure. ") + detector.acceptPythonTag() + detector.accept("rm.call(x=1)");
        ToolCallDetector.End end = detector.finish(Stop.EOM);
        ToolCallDetector.End text = detector.asContent(end.turn(), "undeclared");
        assertEquals("Sure. rm.call(x=1)", text.turn().content());
        assertEquals("Sure. rm.call(x=1)", streamed + text.remainingContent());
        assertEquals(List.of(), text.turn().calls());
        assertEquals(List.of("undeclared"), text.turn().problems());
    }
}
