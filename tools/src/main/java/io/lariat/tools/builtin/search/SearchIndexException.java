package io.lariat.tools.builtin.search;

import java.nio.file.Path;

/** The local search index cannot be opened, read or written; names the index or document path. */
public final class SearchIndexException extends RuntimeException {

    private final Path path;

    /**
     * Creates the exception.
     *
     * @param path the index directory or document concerned (null for an in-memory index)
     * @param problem what went wrong
     * @param cause the underlying exception, or null
     */
    public SearchIndexException(Path path, String problem, Throwable cause) {
        super((path == null ? "in-memory index" : path.toString()) + ": " + problem, cause);
        this.path = path;
    }

    /** The index directory or document concerned, or null for an in-memory index. */
    public Path path() {
        return path;
    }
}
