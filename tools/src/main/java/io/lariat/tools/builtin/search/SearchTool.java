package io.lariat.tools.builtin.search;

import io.lariat.tools.BuiltinTools;
import io.lariat.tools.Tool;
import io.lariat.tools.ToolParam;
import java.util.List;
import java.util.Objects;

/**
 * The built-in {@code brave_search} tool answered offline from a local {@link SearchIndex}.
 *
 * <p>Returns the compact JSON list Llama 3.1 reads, best first:
 * {@code [{"title": …, "url": …, "snippet": …}, …]}.
 * The index is owned by the caller. Thread-safe.
 */
public final class SearchTool {

    static final String DESCRIPTION = "Searches for documents and web pages; returns titles, addresses and the "
            + "most relevant passages.";
    static final String QUERY = "What to search for, in a few keywords";

    private final SearchIndex index;
    private final int maxResults;

    /**
     * Creates the tool.
     *
     * @param index the index to search
     * @param maxResults results per query (at least 1)
     */
    public SearchTool(SearchIndex index, int maxResults) {
        this.index = Objects.requireNonNull(index, "index");
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1");
        }
        this.maxResults = maxResults;
    }

    /** Searches the local index. */
    @Tool(name = BuiltinTools.SEARCH, value = DESCRIPTION, idempotent = true)
    public List<SearchResult> braveSearch(@ToolParam(QUERY) String query) {
        return index.search(query, maxResults);
    }
}
