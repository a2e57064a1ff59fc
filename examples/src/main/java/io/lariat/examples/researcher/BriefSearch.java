package io.lariat.examples.researcher;

import io.lariat.tools.BuiltinTools;
import io.lariat.tools.Tool;
import io.lariat.tools.ToolParam;
import io.lariat.tools.builtin.search.SearchIndex;
import io.lariat.tools.builtin.search.SearchResult;
import java.util.List;
import java.util.Objects;

/**
 * The researcher's {@code brave_search}: the best {@value #RESULTS} matches of a local {@link SearchIndex}, each
 * snippet cut to its first sentence.
 *
 * <p>Short results keep the researcher's conversations short enough for the bundled demo model, which was trained
 * on exactly these results (the agent must show the model what training showed it). The index is owned by the
 * caller. Thread-safe.
 */
public final class BriefSearch {
    /** Results per query. */
    public static final int RESULTS = 2;
    /** A sentence end this far into a snippet or later ends the first sentence; earlier ones are abbreviations. */
    private static final int MIN_SENTENCE = 20;

    private final SearchIndex index;

    /** Searches {@code index}. */
    public BriefSearch(SearchIndex index) {
        this.index = Objects.requireNonNull(index, "index");
    }

    /** Searches the local index. */
    @Tool(name = BuiltinTools.SEARCH, value = "Searches documents; returns titles, addresses and one sentence each.",
            idempotent = true)
    public List<SearchResult> braveSearch(@ToolParam("What to search for, in a few keywords") String query) {
        return index.search(query, RESULTS).stream()
                .map(r -> new SearchResult(r.title(), r.url(), firstSentence(withoutTitle(r.snippet(), r.title()))))
                .toList();
    }

    /** The snippet without a leading copy of the document's heading ("Title. ..."), which says nothing. */
    static String withoutTitle(String snippet, String title) {
        String heading = title + ". ";
        return snippet.startsWith(heading) && snippet.length() > heading.length()
                ? snippet.substring(heading.length()) : snippet;
    }

    /** The text up to and including the first sentence end ({@code . ! ?} then a space), or all of it. */
    static String firstSentence(String snippet) {
        for (int i = MIN_SENTENCE; i < snippet.length() - 1; i++) {
            if (".!?".indexOf(snippet.charAt(i)) >= 0 && snippet.charAt(i + 1) == ' ') {
                return snippet.substring(0, i + 1);
            }
        }
        return snippet;
    }
}
