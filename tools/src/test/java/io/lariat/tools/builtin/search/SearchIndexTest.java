package io.lariat.tools.builtin.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchIndexTest {

    private static final List<String> CORPUS = List.of("rivers.md", "guides/kettle.html", "volcano-notes.txt",
            "ignored.pdf");

    @TempDir
    Path temp;
    private Path docs;

    @BeforeEach
    void copyCorpus() throws IOException {
        docs = temp.resolve("docs");
        for (String name : CORPUS) {
            Path target = docs.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("search-corpus/" + name)) {
                Files.copy(in, target);
            }
        }
    }

    private static IndexUpdate counts(IndexUpdate update) {
        return new IndexUpdate(update.added(), update.updated(), update.removed(), update.unchanged(), Duration.ZERO);
    }

    @Test
    void indexesMarkdownHtmlAndTextAndRanksByRelevance() {
        try (SearchIndex index = SearchIndex.inMemory()) {
            List<String> seen = new ArrayList<>();
            IndexUpdate update = index.index(docs, (done, total, file, changed) ->
                    seen.add(done + "/" + total + " " + docs.relativize(file) + " " + changed));
            assertEquals(new IndexUpdate(3, 0, 0, 0, Duration.ZERO), counts(update));
            assertEquals(List.of("1/3 guides/kettle.html true", "2/3 rivers.md true", "3/3 volcano-notes.txt true"),
                    seen);
            assertEquals(List.of(new SearchResult("Volcano notes", docs.resolve("volcano-notes.txt").toString(),
                            "Mount Etna in Sicily is one of the most active volcanoes in Europe.")),
                    index.search("Etna volcanoes", 1));
            List<SearchResult> kettle = index.search("how do I descale a kettle?", 5);
            assertEquals("Descaling a kettle & other chores", kettle.getFirst().title());
            assertEquals("Kettle care. Fill the kettle with equal parts water and white vinegar, boil it, and rinse "
                    + "twice. Descaling every month keeps the heating element efficient — limescale wastes energy.",
                    kettle.getFirst().snippet());
            assertEquals(List.of(), index.search("scriptword", 5));
            assertEquals("Great rivers", index.search("largest river water", 5).getFirst().title());
        }
    }

    @Test
    void reindexesOnlyWhatChanged() throws IOException {
        try (SearchIndex index = SearchIndex.inMemory()) {
            index.index(docs, IndexProgress.NONE);
            assertEquals(new IndexUpdate(0, 0, 0, 3, Duration.ZERO), counts(index.index(docs, IndexProgress.NONE)));
            Path rivers = docs.resolve("rivers.md");
            Files.writeString(rivers, "# Great rivers\n\nThe Danube flows through ten countries.");
            Files.setLastModifiedTime(rivers, FileTime.fromMillis(Files.getLastModifiedTime(rivers).toMillis() + 5000));
            Files.delete(docs.resolve("volcano-notes.txt"));
            Files.writeString(docs.resolve("tea.txt"), "Tea\nGreen tea is steeped at about 80 degrees.");
            assertEquals(new IndexUpdate(1, 1, 1, 1, Duration.ZERO), counts(index.index(docs, IndexProgress.NONE)));
            assertEquals(3, index.size());
            assertEquals(List.of(), index.search("Etna", 5));
            assertEquals("The Danube flows through ten countries.", index.search("Danube", 5).getFirst().snippet());
        }
    }

    @Test
    void persistsAcrossReopening() {
        Path indexDir = temp.resolve("index");
        try (SearchIndex index = SearchIndex.open(indexDir)) {
            index.index(docs, IndexProgress.NONE);
        }
        try (SearchIndex index = SearchIndex.open(indexDir)) {
            assertEquals(3, index.size());
            assertEquals(new IndexUpdate(0, 0, 0, 3, Duration.ZERO), counts(index.index(docs, IndexProgress.NONE)));
            assertEquals("Great rivers", index.search("Nile", 1).getFirst().title());
        }
    }

    @Test
    void bundledSamplesAnswerOfflineQuestions() {
        try (SearchIndex index = SearchIndex.inMemory()) {
            assertEquals(new IndexUpdate(22, 0, 0, 0, Duration.ZERO), counts(index.indexSamples()));
            assertEquals(new IndexUpdate(0, 0, 0, 22, Duration.ZERO), counts(index.indexSamples()));
            assertEquals("samples/apollo-11.md", index.search("first person to walk on the Moon", 3).getFirst().url());
            assertEquals("GGUF file format", index.search("GGUF metadata tensors", 3).getFirst().title());
            assertEquals("Mount Everest", index.search("how high is Everest", 3).getFirst().title());
            assertEquals("Java virtual threads", index.search("virtual threads Loom", 3).getFirst().title());
        }
    }

    @Test
    void queryCharactersAreLiteral() {
        try (SearchIndex index = SearchIndex.inMemory()) {
            index.index(docs, IndexProgress.NONE);
            assertEquals("Great rivers", index.search("Nile AND (\"Amazon\" OR title:[a TO z]) ~ ^ * ?", 1)
                    .getFirst().title());
            assertEquals(List.of(), index.search("   ", 5));
        }
    }

    @Test
    void emptyDocumentIsFoundByItsFileNameWithAnEmptySnippet() throws IOException {
        Files.writeString(docs.resolve("blank-notes.txt"), "");
        try (SearchIndex index = SearchIndex.inMemory()) {
            index.index(docs, IndexProgress.NONE);
            assertEquals(List.of(new SearchResult("blank notes", docs.resolve("blank-notes.txt").toString(), "")),
                    index.search("blank", 5));
        }
    }

    @Test
    void missingFolderIsReported() {
        try (SearchIndex index = SearchIndex.inMemory()) {
            Path missing = temp.resolve("nope");
            SearchIndexException e = assertThrows(SearchIndexException.class,
                    () -> index.index(missing, IndexProgress.NONE));
            assertEquals(missing + ": not a directory", e.getMessage());
        }
    }

    @Test
    void corpusFilesExist() throws IOException {
        try (Stream<Path> files = Files.walk(docs)) {
            assertEquals(4, files.filter(Files::isRegularFile).count());
        }
    }
}
