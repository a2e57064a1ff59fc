package io.lariat.tools.builtin;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the built-in tools are backed. Absent optional values are null (never {@code Optional}).
 *
 * @param searchIndexDir where the local search index lives; null keeps it in memory (rebuilt each start)
 * @param searchFolders folders of Markdown, HTML and text documents to index (recursively)
 * @param sampleCorpus whether to index the bundled sample corpus too
 * @param searchResults results per search (1 to 20)
 * @param braveApiKey Brave Search API key; when set, {@code brave_search} uses the web instead of the local index
 * @param wolframAppId Wolfram Alpha app id; when set, {@code wolfram_alpha} asks the service what the local
 *                     calculator cannot answer
 */
public record BuiltinOptions(Path searchIndexDir, List<Path> searchFolders, boolean sampleCorpus, int searchResults,
                             String braveApiKey, String wolframAppId) {

    /** Validates and copies the values. */
    public BuiltinOptions {
        searchFolders = List.copyOf(Objects.requireNonNull(searchFolders, "searchFolders"));
        if (searchResults < 1 || searchResults > 20) {
            throw new IllegalArgumentException("searchResults must be between 1 and 20, got " + searchResults);
        }
        braveApiKey = blankToNull(braveApiKey);
        wolframAppId = blankToNull(wolframAppId);
    }

    /** Offline defaults: in-memory index of the sample corpus, 5 results, no online services. */
    public static BuiltinOptions offline() {
        return new BuiltinOptions(null, List.of(), true, 5, null, null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
