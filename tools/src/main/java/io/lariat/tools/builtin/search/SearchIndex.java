package io.lariat.tools.builtin.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A local full-text index (Apache Lucene, BM25 ranking, English stemming) over Markdown, HTML and text documents.
 *
 * <p>Indexing is incremental: each document stores its source version, and a run re-reads only new or changed
 * files and drops deleted ones ({@link FolderIndexer}). Searching is thread-safe and sees the last committed
 * update; updates are serialised. Close it to release the index directory's lock.
 */
public final class SearchIndex implements AutoCloseable {

    static final String KEY = "key";
    static final String URL = "url";
    static final String TITLE = "title";
    static final String BODY = "body";
    static final String VERSION = "version";

    private final Path location;
    private final Directory directory;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private SearchIndex(Path location, Directory directory) throws IOException {
        this.location = location;
        this.directory = directory;
        this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * Opens (creating if needed) the index stored in a directory.
     *
     * @throws SearchIndexException if the directory cannot be used (for example, another process holds it)
     */
    public static SearchIndex open(Path indexDir) {
        try {
            Files.createDirectories(indexDir);
            return new SearchIndex(indexDir, FSDirectory.open(indexDir));
        } catch (IOException e) {
            throw new SearchIndexException(indexDir, "cannot open the index: " + e.getMessage(), e);
        }
    }

    /** A new empty index held in memory. */
    public static SearchIndex inMemory() {
        try {
            return new SearchIndex(null, new ByteBuffersDirectory());
        } catch (IOException e) {
            throw new SearchIndexException(null, "cannot create the index: " + e.getMessage(), e);
        }
    }

    /**
     * Brings the index up to date with a folder (recursively): adds new files, re-indexes changed ones, removes
     * those that are gone. Files other than Markdown, HTML and text are ignored.
     *
     * @param progress told about every examined file
     * @throws SearchIndexException if the folder or the index cannot be read or written
     */
    public synchronized IndexUpdate index(Path folder, IndexProgress progress) {
        return new FolderIndexer(this).index(folder, progress);
    }

    /** Adds (or refreshes) the small sample corpus bundled with Lariat, so example agents can search offline. */
    public synchronized IndexUpdate indexSamples() {
        return new FolderIndexer(this).indexSamples();
    }

    /**
     * The best matches for a query, most relevant first. Query syntax characters are taken literally.
     *
     * @param limit maximum number of results
     */
    public List<SearchResult> search(String query, int limit) {
        if (query.isBlank()) {
            return List.of();
        }
        Query parsed = parse(query);
        IndexSearcher searcher = null;
        try {
            searchers.maybeRefresh();
            searcher = searchers.acquire();
            TopDocs top = searcher.search(parsed, limit);
            List<SearchResult> results = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc hit : top.scoreDocs) {
                Document doc = stored.document(hit.doc);
                results.add(new SearchResult(doc.get(TITLE), doc.get(URL), Snippets.best(doc.get(BODY), query,
                        analyzer)));
            }
            return results;
        } catch (IOException e) {
            throw new SearchIndexException(location, "search failed: " + e.getMessage(), e);
        } finally {
            release(searcher);
        }
    }

    /** The number of documents in the index. */
    public int size() {
        return writer.getDocStats().numDocs;
    }

    private Query parse(String query) {
        String cleaned = QueryParser.escape(query.strip());
        MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {TITLE, BODY}, analyzer,
                Map.of(TITLE, 2.0f, BODY, 1.0f));
        try {
            return parser.parse(cleaned);
        } catch (ParseException e) {
            throw new SearchIndexException(location, "cannot parse query: " + e.getMessage(), e);
        }
    }

    private void release(IndexSearcher searcher) {
        if (searcher == null) {
            return;
        }
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new SearchIndexException(location, "cannot release a searcher: " + e.getMessage(), e);
        }
    }

    void put(SourceDocument source) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(KEY, source.key(), Field.Store.YES));
        doc.add(new StoredField(URL, source.url()));
        doc.add(new TextField(TITLE, source.title(), Field.Store.YES));
        doc.add(new TextField(BODY, source.text(), Field.Store.YES));
        doc.add(new StoredField(VERSION, source.version()));
        writer.updateDocument(new Term(KEY, source.key()), doc);
    }

    void delete(String key) throws IOException {
        writer.deleteDocuments(new Term(KEY, key));
    }

    void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    IndexSearcher acquireSearcher() throws IOException {
        searchers.maybeRefreshBlocking();
        return searchers.acquire();
    }

    void releaseSearcher(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    Path location() {
        return location;
    }

    @Override
    public synchronized void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new SearchIndexException(location, "cannot close the index: " + e.getMessage(), e);
        }
    }
}
