package io.lariat.tools.builtin.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Search snippets start with the sentence that answers the question, not the one that repeats its words. */
class PassageRetrievalTest {

    private static SearchIndex index;

    @BeforeAll
    static void indexSamples() {
        index = SearchIndex.inMemory();
        index.indexSamples();
    }

    @AfterAll
    static void close() {
        index.close();
    }

    static Stream<Arguments> questions() {
        return Stream.of(
                Arguments.of("How tall is Mount Everest?", "In 2020, Nepal and China jointly announced its height as "
                        + "8,848.86 metres."),
                Arguments.of("mount everest height", "In 2020, Nepal and China jointly announced its height as "
                        + "8,848.86 metres."),
                Arguments.of("When did Apollo 11 land on the Moon?", "The lunar module Eagle landed on July 20, 1969"),
                Arguments.of("Who first climbed Mount Everest?", "Edmund Hillary of New Zealand and Tenzing Norgay"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("questions")
    void snippetStartsWithTheAnsweringSentence(String question, String answer) {
        String snippet = index.search(question, 1).getFirst().snippet();
        assertTrue(snippet.startsWith(answer), snippet);
    }
}
