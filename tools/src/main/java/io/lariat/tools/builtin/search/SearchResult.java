package io.lariat.tools.builtin.search;

/**
 * One search result as the model reads it (compact JSON: title, url, snippet).
 *
 * @param title the document or page title
 * @param url the page address, or the document's path for local files
 * @param snippet the passage that best matches the query, at most a few sentences
 */
public record SearchResult(String title, String url, String snippet) {
}
