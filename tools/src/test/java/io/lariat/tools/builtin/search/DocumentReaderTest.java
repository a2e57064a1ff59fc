package io.lariat.tools.builtin.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DocumentReaderTest {

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("notes.md", "# Heading *one*\n\nSome **bold** text with a [link](http://x).\n\n- item",
                        new DocumentReader.Parsed("Heading *one*", "Heading one\nSome bold text with a link.\nitem")),
                Arguments.of("front.md", "---\ntitle: \"Front title\"\n---\n# Other\nBody.",
                        new DocumentReader.Parsed("Front title", "Other\nBody.")),
                Arguments.of("page.html",
                        "<h1>A &lt;b&gt; &#65;&#x42;</h1><p>x&nbsp;y</p><!-- c --><p>&bogus; &#99999999;</p>",
                        new DocumentReader.Parsed("A <b> AB", "A <b> AB\nx y\n&bogus; &#99999999;")),
                Arguments.of("plain.txt", "First line\nSecond line\n", new DocumentReader.Parsed("First line",
                        "Second line")),
                Arguments.of("long-name_file.txt", "x".repeat(130), new DocumentReader.Parsed("long name file",
                        "x".repeat(130))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void extractsTitleAndPlainText(String name, String content, DocumentReader.Parsed expected) {
        assertEquals(expected, DocumentReader.read(name, content));
    }
}
