/**
 * The built-in {@code brave_search} tool: a local Lucene index ({@link io.lariat.tools.builtin.search.SearchIndex})
 * over the user's documents plus a bundled sample corpus, and the optional Brave Search API backend. Entry types:
 * {@link io.lariat.tools.builtin.search.SearchTool}, {@link io.lariat.tools.builtin.search.BraveSearchTool}.
 */
package io.lariat.tools.builtin.search;
