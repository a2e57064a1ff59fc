package io.lariat.prompts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;


import static org.junit.jupiter.api.Assertions.assertEquals;

class ToolCallParserTest {

    @ParameterizedTest
    @MethodSource("io.lariat.prompts.parse.ParserCases#sharedCases")
    void sharedCaseParsesToExpectedCallsContentAndStop(String output, JsonNode expected, String format) {
        ParsedTurn turn = ToolCallParser.parse(output);
        assertEquals(expected, turn.toJson());
        assertEquals(format, turn.format() == ToolCallFormat.NONE && !turn.hasCalls() ? "none"
                : turn.format().name().toLowerCase(java.util.Locale.ROOT));
    }
}
