package io.lariat.tools.builtin.search;

import io.lariat.tools.BuiltinTools;
import io.lariat.tools.Tool;
import io.lariat.tools.ToolParam;
import java.util.List;
import java.util.Objects;

/**
 * The built-in {@code brave_search} tool backed by the Brave Search web API, behind a circuit breaker.
 *
 * <p>Returns the same compact JSON list as the local {@link SearchTool}. Thread-safe.
 */
public final class BraveSearchTool {

    private final BraveSearchClient client;
    private final int maxResults;

    /**
     * Creates the tool.
     *
     * @param client the configured client
     * @param maxResults results per query (1 to 20)
     */
    public BraveSearchTool(BraveSearchClient client, int maxResults) {
        this.client = Objects.requireNonNull(client, "client");
        if (maxResults < 1 || maxResults > 20) {
            throw new IllegalArgumentException("maxResults must be between 1 and 20");
        }
        this.maxResults = maxResults;
    }

    /** Searches the web. */
    @Tool(name = BuiltinTools.SEARCH, value = SearchTool.DESCRIPTION, idempotent = true, remote = true)
    public List<SearchResult> braveSearch(@ToolParam(SearchTool.QUERY) String query) {
        return client.search(query, maxResults);
    }
}
