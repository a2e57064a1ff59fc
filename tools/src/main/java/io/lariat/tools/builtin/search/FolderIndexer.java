package io.lariat.tools.builtin.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.ScoreDoc;

/**
 * One incremental indexing run: compares stored versions with the sources and writes only the differences.
 *
 * <p>Used under the {@link SearchIndex} monitor; not thread-safe on its own.
 */
final class FolderIndexer {

    private static final String SAMPLES = "io/lariat/tools/builtin/search/samples/";
    private static final String SAMPLE_PREFIX = "samples/";
    private static final int MAX_CHARS = 2_000_000;

    private final SearchIndex index;
    private int added;
    private int updated;
    private int unchanged;

    FolderIndexer(SearchIndex index) {
        this.index = index;
    }

    IndexUpdate index(Path folder, IndexProgress progress) {
        long start = System.nanoTime();
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new SearchIndexException(root, "not a directory", null);
        }
        try {
            List<Path> files = supportedFiles(root);
            Map<String, String> stored = storedVersions(root + root.getFileSystem().getSeparator());
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                String version = Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file);
                boolean changed = apply(file.toString(), version, stored, () -> readFile(file));
                progress.onFile(i + 1, files.size(), file, changed);
            }
            return finish(stored, start);
        } catch (IOException e) {
            throw new SearchIndexException(root, "indexing failed: " + e.getMessage(), e);
        }
    }

    IndexUpdate indexSamples() {
        long start = System.nanoTime();
        try {
            Map<String, String> stored = storedVersions(SAMPLE_PREFIX);
            for (String name : resource("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                String content = resource(name);
                apply(SAMPLE_PREFIX + name, sha256(content), stored, () -> parsed(SAMPLE_PREFIX + name,
                        SAMPLE_PREFIX + name, name, content, sha256(content)));
            }
            return finish(stored, start);
        } catch (IOException e) {
            throw new SearchIndexException(index.location(), "indexing the samples failed: " + e.getMessage(), e);
        }
    }

    private interface DocumentSource {
        SourceDocument load() throws IOException;
    }

    /** Indexes the document unless its stored version matches; returns whether it was written. */
    private boolean apply(String key, String version, Map<String, String> stored, DocumentSource source)
            throws IOException {
        String previous = stored.remove(key);
        if (version.equals(previous)) {
            unchanged++;
            return false;
        }
        SourceDocument document = source.load();
        index.put(new SourceDocument(document.key(), document.url(), document.title(), document.text(), version));
        if (previous == null) {
            added++;
        } else {
            updated++;
        }
        return true;
    }

    private IndexUpdate finish(Map<String, String> gone, long start) throws IOException {
        for (String key : gone.keySet()) {
            index.delete(key);
        }
        index.commit();
        return new IndexUpdate(added, updated, gone.size(), unchanged, Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<Path> supportedFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> DocumentReader.supports(p.getFileName().toString()))
                    .sorted().toList();
        }
    }

    private Map<String, String> storedVersions(String prefix) throws IOException {
        IndexSearcher searcher = index.acquireSearcher();
        try {
            Map<String, String> versions = new HashMap<>();
            int max = Math.max(1, searcher.getIndexReader().maxDoc());
            var stored = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(new PrefixQuery(new Term(SearchIndex.KEY, prefix)), max).scoreDocs) {
                var doc = stored.document(hit.doc);
                versions.put(doc.get(SearchIndex.KEY), doc.get(SearchIndex.VERSION));
            }
            return versions;
        } finally {
            index.releaseSearcher(searcher);
        }
    }

    private static SourceDocument readFile(Path file) throws IOException {
        String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (content.length() > MAX_CHARS) {
            content = content.substring(0, MAX_CHARS);
        }
        return parsed(file.toString(), file.toString(), file.getFileName().toString(), content, "");
    }

    private static SourceDocument parsed(String key, String url, String fileName, String content, String version) {
        DocumentReader.Parsed parsed = DocumentReader.read(fileName, content);
        return new SourceDocument(key, url, parsed.title(), parsed.text(), version);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FolderIndexer.class.getClassLoader().getResourceAsStream(SAMPLES + name)) {
            if (in == null) {
                throw new IOException("missing bundled sample " + SAMPLES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
