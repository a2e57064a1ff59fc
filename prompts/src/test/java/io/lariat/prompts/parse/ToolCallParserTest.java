package io.lariat.prompts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lariat.prompts.SharedData;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ToolCallParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> sharedCases() throws IOException {
        JsonNode cases = JSON.readTree(SharedData.file("spec/cases/tool-calls.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : cases) {
            out.add(Arguments.of(Named.of(c.get("id").asText(), c.get("model_output").asText()), c.get("expected"),
                    c.get("format").asText()));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("sharedCases")
    void sharedCaseParsesToExpectedCallsContentAndStop(String output, JsonNode expected, String format) {
        ParsedTurn turn = ToolCallParser.parse(output);
        assertEquals(expected, turn.toJson());
        assertEquals(format, turn.format() == ToolCallFormat.NONE && !turn.hasCalls() ? "none"
                : turn.format().name().toLowerCase(java.util.Locale.ROOT));
    }
}
