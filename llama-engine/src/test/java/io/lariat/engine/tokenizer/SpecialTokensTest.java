package io.lariat.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpecialTokensTest {

    @Test
    void stopSetIsEndOfTextEomAndEot() {
        List<Integer> stops = IntStream.range(127990, 128256).filter(SpecialTokens::isStop).boxed().toList();
        assertEquals(List.of(128001, 128008, 128009), stops);
    }
}
